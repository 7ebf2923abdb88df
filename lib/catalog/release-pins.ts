// What each Plone release's own pin files (versions.cfg, versions-ecosystem.cfg,
// versions-extra.cfg) already pin, among the eggs our modules and recipes use. A project
// pin for one of these would silently override Plone's tested choice, so the generated
// versions.cfg and the module catalog leave them to the release.
import type { PloneLineName } from './plone-lines.js';

export interface ReleasePins {
  /** Distributions the line's own pin files pin, among those the modules (or recipes) use. */
  eggs: string[];
  source: string;
}

export const COREDEV_60_VERSIONS =
  'github.com/plone/buildout.coredev versions.cfg (6.0 branch at Plone 6.0.9, read via search): pins plone.app.theming 5.0.7, diazo 2.0.0, plone.restapi 9.4.0, plone.recipe.zope2instance 6.12.2, collective.recipe.omelette 1.1.0, collective.recipe.vscode 0.1.9, pyrsistent 0.20.0';
export const COREDEV_ECOSYSTEM =
  'github.com/plone/buildout.coredev versions-ecosystem.cfg (6.0/6.1-era, read via search): collective.z3cform.datagridfield = 3.0.2, plone.app.mosaic = 3.1.5 (+ blocks/tiles/standardtiles/drafts, PDBDebugMode, PrintingMailHost, z3c.jbot)';
export const REPORT_62 =
  'search index file 59863414446 (migration report 5.2.10 -> 6.2.1, Aug 2026): plone.app.mosaic 4.0.0 and Products.validation 4.0.1 "already pinned by Plone 6.2.1"; collective.easyform 5.0.1 is not and needs openpyxl 3.1.5 + et-xmlfile 2.0.0 pinned';

/**
 * The recipes (and recipe dependencies) that every line's pin files pin: coredev 4.3.20 and
 * 5.2.15 versions.cfg, the 6.0/6.1 branches, and the Zope releases/<v>/versions(-prod).cfg they
 * extend (4.8.10, 5.10-5.14.2, 6.2): Zope pins collective.recipe.template, zc.recipe.egg,
 * zc.recipe.testrunner, mr.developer and six; Plone pins zope2instance, omelette, and
 * plone.recipe.zeoserver in versions-extra.cfg (6.x) or versions.cfg (5.2, 4.3).
 */
const RECIPES_PINNED = [
  'plone.recipe.zope2instance', 'plone.recipe.zeoserver', 'collective.recipe.template', 'zc.recipe.testrunner',
  'collective.recipe.omelette', 'mr.developer', 'zc.recipe.egg', 'six',
];
/** Test tooling of the jenkins profile the pin files pin (6.1 branch: coverage 7.6.4; 5.2.15: coverage 5.5; 4.3.20: 4.2). */
const TEST_TOOLS_PINNED = ['coverage', 'collective.xmltestreport'];

/**
 * What each line's official pin files already pin, restricted to names the modules touch
 * and the recipes the profiles use.
 */
export const RELEASE_PINS: Record<PloneLineName, ReleasePins> = {
  '6.2': {
    eggs: ['plone.app.theming', 'diazo', 'plone.restapi', 'plone.app.mosaic', 'collective.z3cform.datagridfield', 'Products.validation', ...RECIPES_PINNED, ...TEST_TOOLS_PINNED],
    source: `plone-facts.md (versions-ecosystem.cfg: mosaic, datagridfield); ${REPORT_62}; theming/restapi are core packages pinned by versions.cfg`,
  },
  '6.1': {
    eggs: [
      'plone.app.theming', 'diazo', 'plone.restapi', 'plone.app.mosaic', 'collective.z3cform.datagridfield',
      ...RECIPES_PINNED, ...TEST_TOOLS_PINNED,
    ],
    source: `${COREDEV_ECOSYSTEM}; raw.githubusercontent.com/plone/buildout.coredev/refs/heads/6.1/versions.cfg (6.1.4): OVERRIDES mr.developer = 2.0.4, zc.recipe.egg = 3.0.0, zc.recipe.testrunner = 3.2`,
  },
  '6.0': {
    eggs: [
      'plone.app.theming', 'diazo', 'plone.restapi', 'plone.app.mosaic', 'collective.z3cform.datagridfield',
      'collective.recipe.vscode', 'pyrsistent', ...RECIPES_PINNED, 'collective.xmltestreport',
    ],
    source: `${COREDEV_60_VERSIONS}; ${COREDEV_ECOSYSTEM}; versions-extra.cfg pins plone.recipe.zeoserver = 3.0.3`,
  },
  '5.2': {
    eggs: ['plone.app.theming', 'diazo', 'plone.restapi', ...RECIPES_PINNED, ...TEST_TOOLS_PINNED],
    source:
      'raw.githubusercontent.com/plone/buildout.coredev/5.2/versions.cfg: collective.recipe.omelette = 1.1.0, plone.recipe.zeoserver = 2.0.4, plone.recipe.zope2instance = 6.13.0; plone.restapi: inferred from raw.githubusercontent.com/starzel/buildout/master/linkto/hotfixes/5.2.1.cfg overriding it under [versions:python3] (8.43.3) and the exportimport training ("use the version shipped with your Plone version")',
  },
  '4.3': {
    eggs: ['plone.app.theming', ...RECIPES_PINNED, ...TEST_TOOLS_PINNED],
    source: 'plone-facts.md: plone.app.theming/diazo core since 4.3',
  },
};
