// What each Plone release's own pin files (versions.cfg, versions-ecosystem.cfg,
// versions-extra.cfg, and the Zope files they extend) already pin, among the eggs our modules
// and recipes use and the dependencies of the eggs the modules pin. A project pin for one of
// these would silently override Plone's tested choice, so the generated versions.cfg and the
// module catalog leave them to the release.
//
// Read directly from git snapshots (via the project's search tool):
// - github.com/plone/buildout.coredev: tags 4.3.20 and 5.2.15; branches 6.0 and 6.1 at their
//   newest readable commit (2024-10-24). No pin file of 6.0.15, 6.1.5 or 6.2.2 is readable,
//   so those lines rest on the newest readable state of the series, said per line.
// - github.com/zopefoundation/Zope branch gh-pages, releases/<v>/versions.cfg + versions-prod.cfg
//   (what dist.plone.org's versions.cfg extends).
// Plone/Zope core packages (plone.*, Products.CMF*, zope.*, Zope, AccessControl...) are pinned by
// every release by construction and are listed only where a module names them.
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

/** buildout.coredev tag 4.3.20: versions.cfg, and constraints.txt, the resolved chain (ZTK 1.0.8 + Zope2 2.13.30 files from dist.plone.org/versions/). */
export const COREDEV_43 =
  'github.com/plone/buildout.coredev tag 4.3.20 (9630241) versions.cfg and constraints.txt ("parsed from buildout.cfg": the resolved chain incl. dist.plone.org/versions/zopetoolkit-1-0-8-zopeapp-versions.cfg and zope-2-13-30-versions.cfg)';
/** buildout.coredev tag 5.2.15 versions.cfg and the Zope 4.8.10 files it extends. */
export const COREDEV_52 =
  'github.com/plone/buildout.coredev tag 5.2.15 (ca4f2d0) versions.cfg, which extends zopefoundation.github.io/Zope/releases/4.8.10/versions.cfg (Zope gh-pages releases/4.8.10/versions.cfg + versions-prod.cfg)';
export const COREDEV_60_HEAD =
  'github.com/plone/buildout.coredev branch 6.0 at e34f457 (2024-10-24, Plone 6.0.13; 6.0.15\'s own files not readable) versions.cfg, versions-ecosystem.cfg, versions-extra.cfg, extending Zope 5.10 (Zope gh-pages releases/5.10)';
export const COREDEV_61_HEAD =
  'github.com/plone/buildout.coredev branch 6.1 at 500ec6a (2024-10-24, Plone 6.1.0a5; 6.1.5\'s own files not readable) versions.cfg, versions-ecosystem.cfg, versions-extra.cfg; 6.1 extends Zope 5.14.1 since buildout.coredev PR #1076 (2026-03), Zope gh-pages releases/5.14.x pins six 1.17.0, zc.recipe.egg 3.0.0, packaging, ZODB, BTrees...';
export const ZOPE_62 =
  'Zope gh-pages releases/6.2/versions*.cfg (Plone 6.2 extends Zope 6.2 since buildout.coredev PR #1108, merged 2026-08-05, before 6.2.2): six 1.17.0, zc.recipe.egg 4.0.0, beautifulsoup4, packaging, ZODB, BTrees, transaction, zc.lockfile, zope.dottedname';

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
/** The development helpers (dev-helpers.ts) every 5.2 and 6.x release pins. */
const DEV_HELPERS_PINNED = ['plone.reload', 'Products.PDBDebugMode', 'Products.PrintingMailHost'];
const DEV_HELPERS_6X =
  'buildout.coredev branches 6.0 (e34f457) and 6.1 (500ec6a): versions-extra.cfg plone.reload = 4.0.0, versions-ecosystem.cfg Products.PDBDebugMode = 2.0 and Products.PrintingMailHost = 1.1.7';
/** Test tooling of the jenkins profile the pin files pin (6.1 branch: coverage 7.6.4; 5.2.15: coverage 5.5; 4.3.20: 4.2). */
const TEST_TOOLS_PINNED = ['coverage', 'collective.xmltestreport'];

/**
 * What each line's official pin files already pin, restricted to names the modules touch
 * and the recipes the profiles use.
 */
export const RELEASE_PINS: Record<PloneLineName, ReleasePins> = {
  '6.2': {
    eggs: [
      'plone.app.theming', 'diazo', 'plone.restapi', 'plone.app.mosaic', 'collective.z3cform.datagridfield', 'Products.validation',
      // Zope 6.2's own files (read).
      'beautifulsoup4', 'packaging', 'ZODB', 'BTrees', 'transaction', 'zc.lockfile', 'zope.dottedname',
      // Pinned by every readable 6.x versions.cfg (6.0, 6.1): assumed for 6.2.2, whose file is not readable.
      'PyYAML', 'lxml', 'python-dateutil',
      // Pinned by every readable 6.x versions-extra/-ecosystem.cfg; 6.2 releases of each exist (dev-helpers.ts): assumed for 6.2.2.
      ...DEV_HELPERS_PINNED,
      ...RECIPES_PINNED, ...TEST_TOOLS_PINNED,
    ],
    source: `plone-facts.md (versions-ecosystem.cfg: mosaic, datagridfield); ${REPORT_62}; theming/restapi are core packages pinned by versions.cfg; ${ZOPE_62}; PyYAML, lxml, python-dateutil: pinned by ${COREDEV_61_HEAD} and the 6.0 branch, assumed for 6.2.2; the development helpers: ${DEV_HELPERS_6X}, assumed for 6.2.2 (lib/catalog/dev-helpers.ts)`,
  },
  '6.1': {
    eggs: [
      'plone.app.theming', 'diazo', 'plone.restapi', 'plone.app.mosaic', 'collective.z3cform.datagridfield',
      'collective.recipe.vscode', 'Products.validation', 'PyYAML', 'webresource', 'packaging', 'ZODB', 'BTrees',
      'transaction', 'zc.lockfile', 'zope.dottedname', 'beautifulsoup4', 'lxml', 'python-dateutil',
      ...DEV_HELPERS_PINNED, ...RECIPES_PINNED, ...TEST_TOOLS_PINNED,
    ],
    source: `${COREDEV_ECOSYSTEM}; ${DEV_HELPERS_6X}; raw.githubusercontent.com/plone/buildout.coredev/refs/heads/6.1/versions.cfg (6.1.4): OVERRIDES mr.developer = 2.0.4, zc.recipe.egg = 3.0.0, zc.recipe.testrunner = 3.2; ${COREDEV_61_HEAD}: collective.recipe.vscode 0.1.9, Products.validation 3.0.0, PyYAML 6.0.2, webresource 1.2, lxml 5.3.0, python-dateutil 2.9.0.post0`,
  },
  '6.0': {
    eggs: [
      'plone.app.theming', 'diazo', 'plone.restapi', 'plone.app.mosaic', 'collective.z3cform.datagridfield',
      'collective.recipe.vscode', 'pyrsistent',
      'Products.validation', 'PyYAML', 'webresource', 'packaging', 'ZODB', 'BTrees', 'transaction',
      'zc.lockfile', 'zope.dottedname', 'beautifulsoup4', 'lxml', 'python-dateutil',
      ...DEV_HELPERS_PINNED, ...RECIPES_PINNED, 'collective.xmltestreport',
    ],
    source: `${COREDEV_60_VERSIONS}; ${COREDEV_ECOSYSTEM}; ${DEV_HELPERS_6X}; versions-extra.cfg pins plone.recipe.zeoserver (3.0.2 at the 6.0 head); ${COREDEV_60_HEAD}: Products.validation 3.0.0, PyYAML 6.0.1, webresource 1.2, lxml 5.2.1, python-dateutil 2.8.2; Zope 5.10: six 1.16.0, zc.recipe.egg 2.0.7`,
  },
  '5.2': {
    eggs: [
      'plone.app.theming', 'diazo', 'plone.restapi',
      'plone.app.mosaic', 'collective.z3cform.datagridfield', 'pyrsistent', 'Products.validation', 'PyYAML',
      'five.globalrequest', 'ZODB', 'BTrees', 'transaction', 'zc.lockfile', 'zope.dottedname',
      ...DEV_HELPERS_PINNED, ...RECIPES_PINNED, ...TEST_TOOLS_PINNED,
    ],
    source: `${COREDEV_52}: plone.reload 3.0.2, Products.PrintingMailHost 1.1.6, Products.PDBDebugMode 2.0, collective.recipe.omelette 1.1.0, plone.recipe.zeoserver 2.0.3, plone.recipe.zope2instance 6.13.0, plone.restapi 7.9.0, plone.app.theming 4.1.8, diazo 1.5.0, plone.app.mosaic 2.2.5 (+ blocks, tiles, standardtiles, drafts), collective.z3cform.datagridfield 1.5.3, pyrsistent 0.15.7, Products.validation 2.1.3, PyYAML 5.4.1; Zope 4.8.10: six 1.16.0, five.globalrequest 99.1, zc.recipe.egg 2.0.7, ZODB 5.8.0, BTrees, transaction, zc.lockfile, zope.dottedname`,
  },
  '4.3': {
    eggs: [
      'plone.app.theming', 'collective.z3cform.datagridfield', 'plone.schemaeditor', 'python-dateutil', 'pytz',
      'plone.behavior', 'Products.PluggableAuthService', 'ZODB3', 'zc.lockfile', 'plone.reload', 'collective.monkeypatcher',
      ...RECIPES_PINNED, ...TEST_TOOLS_PINNED,
    ],
    source: `plone-facts.md: plone.app.theming/diazo core since 4.3; ${COREDEV_43}: plone.app.theming 1.1.8, collective.z3cform.datagridfield 1.3.3, plone.schemaeditor 1.4.1, six 1.11.0, python-dateutil 1.5, pytz 2013b, plone.behavior 1.3.2, Products.PluggableAuthService 1.11.3, ZODB3 3.10.7, zc.lockfile 1.0.2, plone.reload 3.0.1, collective.monkeypatcher 1.2.1 (not PDBDebugMode nor PrintingMailHost)`,
  },
};
