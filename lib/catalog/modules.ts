// Add-on modules: what each one adds to a buildout, per Plone line, as data.
// Every fact carries its source. Sources are either ../shared/plone-facts.md or files/pages
// read through the project's `search` tool (URLs below; "search index file <id>" where the
// index gave the text without a repository path). "tag X (date)" means the git tag X of the
// named repository, read from a snapshot, with its setup.py / pyproject.toml at that tag.
//
// Conventions
// - `pins` holds exact versions only (`1.2.3`, PEP 440), each one backed by its `source`.
//   A version that could not be verified is left out and the `note` says so.
// - Eggs already pinned by the line's own pin files (versions.cfg, versions-ecosystem.cfg,
//   versions-extra.cfg, and the Zope files they extend) are never pinned again: they go to
//   `pinnedByRelease` instead, and must appear in RELEASE_PINS for that line. A project pin
//   would silently override Plone's tested choice.
// - Closed under allow-picked-versions = false: every egg (and part recipe) of a spec, and
//   every install requirement of an egg the spec pins, is in `pins`, in `pinnedByRelease`, or
//   in `unpinned` (no exact version could be verified; `note` says why). Requirements that are
//   Plone/Zope core packages (plone.*, Products.CMF*, zope.*, Zope, AccessControl...) are pinned
//   by every release and not repeated; requirements of release-pinned eggs are the release's.
// - `zcml` lists only eggs that need a slug: z3c.autoinclude / plone.autoinclude entry points
//   and Products.* need none (plone-facts.md).

import { PLONE_LINES, type PloneLineName } from './plone-lines.js';
import {
  COREDEV_43, COREDEV_52, COREDEV_60_HEAD, COREDEV_60_VERSIONS, COREDEV_61_HEAD, COREDEV_ECOSYSTEM, RELEASE_PINS, REPORT_62, ZOPE_62,
} from './release-pins.js';

export { RELEASE_PINS };

/** A buildout part a module needs (only for recipe-based modules). */
export interface ModulePart {
  /** Section name, added to [buildout] parts. */
  name: string;
  recipe: string;
  /**
   * Options of the section. Refer to the eggs as `${project-settings:eggs}`: a module reaches
   * every profile, and the server profiles have no [instance] (their clients are instance1..N).
   */
  options: Record<string, string>;
}

export interface ModuleLineSpec {
  /** Distributions added to the instance's `eggs`. */
  eggs: string[];
  /** Eggs that need a zcml slug (subset of `eggs`). */
  zcml: string[];
  /** [versions] pins the module adds: exact versions only (its eggs and their requirements). */
  pins: Record<string, string>;
  /** Eggs, part recipes or their requirements deliberately left to the release's pin files. */
  pinnedByRelease?: string[];
  /**
   * Eggs or requirements the project needs that no exact pin could be verified for (`note`
   * says why): under allow-picked-versions = false buildout stops on them ("Picked: x = y").
   */
  unpinned?: string[];
  /** mr.developer [sources]: name -> 'git URL branch=...'. */
  sources?: Record<string, string>;
  /** Parts, only where the module is a recipe. */
  parts?: ModulePart[];
  /** Debian packages needed to build the eggs (C extensions). */
  systemPackages?: string[];
  note?: string;
  /** Where the facts of this spec come from. */
  source: string;
}

export interface ModuleEntry {
  name: string;
  summary: string;
  /** The module this one replaces (its modern successor names it here). */
  successorOf?: string;
  /** Modern replacement to mention when this module is chosen. */
  successor?: string;
  lines: Partial<Record<PloneLineName, ModuleLineSpec>>;
}

const TRAINING_EXPORTIMPORT =
  'training.plone.org migration chapter on collective.exportimport (search index file 4620074661): Plone 4.3 export.cfg pins collective.exportimport 1.15, plone.restapi 7.8.3 ("latest 7.x for py2 and AT support"), pyrsistent 0.15.7, hurry.filesize 0.9, ijson 3.2.3; Plone 6 import.cfg pins collective.exportimport 1.15, hurry.filesize 0.9, ijson 3.2.3 and uses the plone.restapi shipped with Plone';
const EXPORTIMPORT_116 =
  'github.com/collective/collective.exportimport tag 1.16 (2026-02-27): install_requires hurry.filesize, setuptools, six; python_requires >=2.7 (classifiers 2.7, 3.7-3.11; Plone 4.3-6.0)';
const IJSON_323 = 'github.com/ICRAR/ijson tag v3.2.3: classifiers Python 2.7, 3.4-3.12';

const LDAP_DEV_PACKAGES = ['libldap2-dev', 'libsasl2-dev', 'libssl-dev'];
const LDAP_DEV_SOURCE =
  'plone-facts.md (python-ldap needs libldap2-dev, libsasl2-dev); pypi.org/project/pas.plugins.ldap ("sudo apt install python-dev libldap2-dev libsasl2-dev libssl-dev")';
const PAS_LDAP_184 =
  'github.com/collective/pas.plugins.ldap CHANGES.rst (read via search): 1.8.4 (2025-07-14) "needed to make this package work on Plone 6.1.2"; 1.8.x for 5.x-6.x per plone-facts.md';
/** Requirements read at each tag (github.com/<repo> tag, setup.py / pyproject.toml). */
const LDAP_STACK_1X =
  'tags read: collective/pas.plugins.ldap 1.8.4 (requires node.ext.ldap>=1.1, yafowil>=2.3.1, yafowil.plone>=5.0.0a1, yafowil.bootstrap>=2.0.0a1, yafowil.widget.array, yafowil.widget.dict, yafowil.yaml, bda.cache, odict, node, python-ldap>=3.2.0, six); conestack/node.ext.ldap 1.3 (2025-10-25: node>=1.1,<2, node.ext.ugm>=1.0,<2, bda.cache, passlib, python-ldap); conestack/node 1.2.3 (odict>=1.9.0,<2, plumber>=1.5,<2); conestack/node.ext.ugm 1.2; conestack/odict 1.9.0; conestack/plumber 1.7; conestack/yafowil 3.1.2 (node>=1.2,<2, webresource); conestack/yafowil.bootstrap 2.0.0a2 (yafowil>2.2.99, webresource); conestack/yafowil.widget.array 1.8 and yafowil.widget.dict 1.9 (yafowil>2.1.99,<4); conestack/yafowil.yaml 2.1 (yafowil<4, PyYAML); bluedynamics/bda.cache 1.3.0 (python-memcached, zope.component); linsomniac/python-memcached 1.62 (Python 3.6-3.12); python-ldap/python-ldap 3.4.7 (2026-05-19, Python 3.6-3.13; pyasn1>=0.3.7, pyasn1_modules>=0.1.5); pyasn1/pyasn1 v0.6.1 and pyasn1/pyasn1-modules v0.4.1 (Python 3.8-3.13); passlib 1.7.4, its last release (anaconda.org conda-forge passlib files: 1.7.4 of 2020-10-08 still the newest)';
/** The conestack 1.x stack the three pas.plugins.ldap 1.8.x lines share. */
const LDAP_PINS_1X: Record<string, string> = {
  'node.ext.ldap': '1.3', node: '1.2.3', 'node.ext.ugm': '1.2', odict: '1.9.0', plumber: '1.7',
  yafowil: '3.1.2', 'yafowil.widget.array': '1.8', 'yafowil.widget.dict': '1.9', 'yafowil.yaml': '2.1',
  'bda.cache': '1.3.0', 'python-memcached': '1.62', passlib: '1.7.4',
  'python-ldap': '3.4.7', pyasn1: '0.6.1', 'pyasn1-modules': '0.4.1',
};
const NAMESPACE_62 =
  'Plone 6.2 core uses native namespaces; an add-on still using pkg_resources namespaces needs horse-with-no-namespace pip-installed in the venv (plone-facts.md; 6.2 release notes pin horse-with-no-namespace==20260202.0).';

const RELSTORAGE_NOTE = 'Configured through the zope2instance `rel-storage` option, not through zcml (plone-facts.md).';
const RELSTORAGE_420 =
  'github.com/bomquote/transistor/pull/440 (pyup PR quoting the RelStorage changelog): 4.2.0 adds Python 3.14, is the last release to support 3.9, includes psycopg2 in the postgresql extra on CPython 3.13+';
const RELSTORAGE_DEPS =
  'github.com/zodb/relstorage tags 4.2.0 (2025-09-29) and 3.5.0: install_requires perfmetrics>=3.0.0, zope.interface, zope.dottedname, zc.lockfile, BTrees>=4.7.2, ZODB>=5.6.0, transaction>=2.4.0 (4.2.0 adds packaging); github.com/zodb/perfmetrics tags 4.2.0 (python_requires >=3.10) and 4.1.0 (>=3.7, classifiers 3.8-3.13)';
/** What RelStorage requires besides perfmetrics: all pinned by the Zope files the releases extend. */
const RELSTORAGE_RELEASED = ['ZODB', 'BTrees', 'transaction', 'zc.lockfile', 'zope.dottedname'];
const PSYCOPG_NEWS = 'access.crunchydata.com/documentation/psycopg2/latest/news.html and psycopg.org/docs/news.html';

/** pas.plugins.ldap 1.8.4: one spec for 6.0 and 6.1 (5.2 needs 1.8.2: see there). */
const PAS_LDAP_18: ModuleLineSpec = {
  eggs: ['pas.plugins.ldap'],
  zcml: [],
  pins: { 'pas.plugins.ldap': '1.8.4', ...LDAP_PINS_1X, 'yafowil.plone': '5.0.0', 'yafowil.bootstrap': '2.0.0a2' },
  pinnedByRelease: ['six', 'PyYAML', 'webresource'],
  systemPackages: LDAP_DEV_PACKAGES,
  note:
    'The conestack 1.x stack (node <2, yafowil 3.x) that pas.plugins.ldap 1.8.4 resolves to by the requirements each package declares (not run here); yafowil.plone 5.0.0 needs Products.CMFPlone >= 6.0 and yafowil.bootstrap > 1.999 (2.0.0a2, a pre-release, is the only such 2.0 tag of its time). six, PyYAML and webresource are pinned by the release.',
  source: `${PAS_LDAP_184}; ${LDAP_STACK_1X}; bluedynamics/yafowil.plone tag 5.0.0 (2025-09-28: Products.CMFPlone>=6.0, yafowil.bootstrap>1.999, yafowil.yaml>=1.0.4, yafowil>2.3.2); ${COREDEV_61_HEAD}; ${COREDEV_60_HEAD}; ${LDAP_DEV_SOURCE}`,
};

export const MODULES: Record<string, ModuleEntry> = {
  getpaid: {
    name: 'getpaid',
    summary: 'PloneGetPaid e-commerce (legacy, Plone 4 only)',
    lines: {
      '4.3': {
        eggs: [
          'Products.PloneGetPaid', 'getpaid.core', 'getpaid.nullpayment', 'getpaid.wizard',
          'hurry.workflow', 'ore.viewlet', 'yoma.batching', 'zc.table',
        ],
        zcml: [],
        pins: { 'Products.PloneGetPaid': '0.10.5' },
        unpinned: ['getpaid.core', 'getpaid.nullpayment', 'getpaid.wizard', 'hurry.workflow', 'ore.viewlet', 'yoma.batching', 'zc.table'],
        note:
          'Last release 0.10.5 (2013). Payment processors (getpaid.paypal, getpaid.authorizedotnet, getpaid.ogone...) are extra eggs. Its custom-built eggs were hosted on a site that is gone: versions of the companion eggs were not verified and are not pinned (4.3.20 pins none of them); expect to vendor them and pin what you vendor.',
        source: `plone-facts.md (getpaid row); ${COREDEV_43} (none of the companion eggs)`,
      },
    },
  },

  ldap: {
    name: 'ldap',
    summary: 'LDAP / Active Directory users and groups',
    lines: {
      '6.2': {
        eggs: ['pas.plugins.ldap'],
        zcml: [],
        pins: {
          'pas.plugins.ldap': '2.0.0rc2', 'node.ext.ldap': '2.0.0', odict: '2.0.0',
          'yafowil.plone': '6.0.0', 'yafowil.bootstrap': '2.0.0', 'yafowil.widget.array': '2.0.0', 'yafowil.widget.dict': '2.0.0',
          'bda.cache': '1.3.0', 'python-memcached': '1.62', passlib: '1.7.4',
          'python-ldap': '3.4.7', pyasn1: '0.6.1', 'pyasn1-modules': '0.4.1',
        },
        pinnedByRelease: ['six'],
        unpinned: ['node', 'node.ext.ugm', 'plumber', 'yafowil', 'yafowil.yaml', 'webresource'],
        systemPackages: LDAP_DEV_PACKAGES,
        note:
          '2.0.0rc2 is a release candidate ("targets Plone 6.0-6.2, drops Plone 5 and Python < 3.10"); no 2.0.0 final was found. Its 2.x stack asks for node > 1.99, node.ext.ugm > 1.99, yafowil > 3.99, yafowil.yaml > 2.99 and webresource > 1.2.99: those releases (2026) are newer than every readable copy of their repositories, so they are not pinned; plumber (node\'s) with them. PyYAML (yafowil.yaml\'s) is pinned by the 6.x releases read.',
        source: `github.com/collective/pas.plugins.ldap/releases/tag/2.0.0rc1; tag 2.0.0rc2 (2026-07-25): pyproject dependencies node.ext.ldap>=2.0.0, yafowil.plone>=6.0.0, yafowil.widget.array>=2.0.0, yafowil.widget.dict>=2.0.0, yafowil.yaml, python-ldap>=3.4.0, bda.cache, odict; its requirements.txt pins yafowil.plone==6.0.0, yafowil.bootstrap==2.0.0, yafowil.widget.array==2.0.0, yafowil.widget.dict==2.0.0; conestack/node.ext.ldap tag 2.0.0 (2026-02-03: node>1.99, node.ext.ugm>1.99, passlib, python-ldap, bda.cache, six); conestack/odict tag 2.0.0 (Python >= 3.10); bluedynamics/yafowil.plone tag 6.0.0 (2026-03-31: yafowil>3.99, yafowil.bootstrap>1.99, yafowil.yaml>2.99, webresource>1.2.99); conestack/yafowil.widget.array and yafowil.widget.dict tags 2.0.0 (yafowil>3.99); conestack/node, node.ext.ugm, plumber, yafowil, yafowil.yaml, webresource snapshots end in Dec 2025 at 2.0.0.dev0 / 4.0.0.dev0 / 3.0.0.dev0; ${LDAP_STACK_1X}; ${LDAP_DEV_SOURCE}`,
      },
      '6.1': PAS_LDAP_18,
      '6.0': PAS_LDAP_18,
      '5.2': {
        eggs: ['pas.plugins.ldap'],
        zcml: [],
        pins: { 'pas.plugins.ldap': '1.8.2', ...LDAP_PINS_1X, 'yafowil.plone': '4.0.0a5', webresource: '1.2' },
        pinnedByRelease: ['six', 'PyYAML', 'five.globalrequest'],
        systemPackages: LDAP_DEV_PACKAGES,
        note:
          '1.8.2, not 1.8.4: from 1.8.3 on pas.plugins.ldap requires yafowil.plone >= 5.0.0a1, which requires Products.CMFPlone >= 6.0. yafowil.plone 4.0.0a5 (a pre-release, the last 4.x) requires Products.CMFPlone >= 5.1. The rest is the conestack 1.x stack resolved by declared requirements (not run here); webresource (yafowil 3.x\'s) is not pinned by 5.2.15.',
        source: `github.com/collective/pas.plugins.ldap tags 1.8.2 (yafowil.plone>=4.0.0a3, five.globalrequest) and 1.8.3 (yafowil.plone>=5.0.0a1); bluedynamics/yafowil.plone tags 4.0.0a5 (2023-02-21: Products.CMFPlone>=5.1, yafowil>=2.1.99, yafowil.yaml>=1.0.4, node>=1.0) and 5.0.0 (Products.CMFPlone>=6.0); conestack/webresource tag 1.2 (classifiers 2.7, 3.7-3.10); ${LDAP_STACK_1X}; ${COREDEV_52}; github.com/plone/plone.docker commit cf59bbc (5.2.10 buildout pinning pas.plugins.ldap 1.8.2, node.ext.ldap 1.2, passlib 1.7.4); ${LDAP_DEV_SOURCE}`,
      },
      '4.3': {
        eggs: ['plone.app.ldap', 'Products.PloneLDAP', 'Products.LDAPUserFolder', 'Products.LDAPMultiPlugins', 'python-ldap'],
        zcml: ['plone.app.ldap'],
        pins: {
          'plone.app.ldap': '1.4.1', 'Products.LDAPUserFolder': '2.28', 'Products.LDAPMultiPlugins': '1.14', 'python-ldap': '2.5.2',
        },
        pinnedByRelease: ['Products.PluggableAuthService'],
        unpinned: ['Products.PloneLDAP', 'dataflake.fakeldap'],
        systemPackages: LDAP_DEV_PACKAGES,
        note:
          'Python 2 stack. Products.LDAPUserFolder 2.28 is the last for Zope 2 (requires Zope2 < 4, python-ldap < 3, hence python-ldap 2.5.2, the last 2.x); Products.LDAPMultiPlugins 1.14 the last 1.x (LDAPUserFolder >= 2.9). Products.PloneLDAP and dataflake.fakeldap (LDAPUserFolder\'s) could not be read: not pinned.',
        source: `plone-facts.md (ldap row); pypi.org/project/plone.app.ldap/1.4.1 ("LDAP control panel for Plone 4.2 and higher"); github.com/plone/plone.app.ldap tag 1.4.1 (requires Products.PloneLDAP, python-ldap, core packages); github.com/dataflake/Products.LDAPUserFolder tag 2.28 (2021-09-17: Zope2 <4, dataflake.fakeldap, python-ldap <3, Python >=2.6,<3); github.com/dataflake/Products.LDAPMultiPlugins tag 1.14 (python-ldap>=2.0.6, Products.LDAPUserFolder>=2.9, Products.PluggableAuthService>=1.4.0); github.com/python-ldap/python-ldap tag python-ldap-2.5.2 (requires setuptools only); ${COREDEV_43} (PluggableAuthService 1.11.3; no LDAP egg); ${LDAP_DEV_SOURCE}`,
      },
    },
  },

  theming: {
    name: 'theming',
    summary: 'Diazo theming (plone.app.theming)',
    lines: Object.fromEntries(
      PLONE_LINES.map((line): [PloneLineName, ModuleLineSpec] => [
        line,
        {
          eggs: ['plone.app.theming'],
          zcml: [],
          pins: {},
          pinnedByRelease: ['plone.app.theming'],
          note:
            line === '4.3'
              ? 'Shipped with Plone 4.3 and pinned by its versions.cfg: the module only adds the egg; activate "Diazo theme support" in the add-ons panel.'
              : 'Already part of Plone and pinned by the release: the module only makes the dependency explicit.',
          source: ({
            '6.2': 'plone-facts.md (theming row: core since 4.3)',
            '6.1': `plone-facts.md (theming row); ${COREDEV_61_HEAD} (plone.app.theming 5.0.10)`,
            '6.0': `${COREDEV_60_VERSIONS}; ${COREDEV_60_HEAD} (5.0.10)`,
            '5.2': `plone-facts.md (theming row); ${COREDEV_52} (plone.app.theming 4.1.8)`,
            '4.3': `plone-facts.md (theming row); ${COREDEV_43} (plone.app.theming 1.1.8)`,
          } satisfies Record<PloneLineName, string>)[line],
        },
      ]),
    ),
  },

  ploneide: {
    name: 'ploneide',
    summary: 'PloneIDE web IDE (collective.ploneide, Plone 4.1 era, dead)',
    successor: 'vscode',
    lines: {
      '4.3': {
        eggs: ['collective.ploneide'],
        zcml: [],
        pins: {},
        unpinned: ['collective.ploneide', 'collective.recipe.ploneide'],
        parts: [{ name: 'ploneide', recipe: 'collective.recipe.ploneide', options: {} }],
        note:
          'Dead since the 4.1 era; the recipe wires the zcml. Versions and recipe options were not verified (4.3.20 pins neither): not pinned. Its modern counterpart is the separate `vscode` module (collective.recipe.vscode), for 5.2 and 6.x.',
        source: `plone-facts.md (ploneide row); ${COREDEV_43} (neither egg)`,
      },
    },
  },

  vscode: {
    name: 'vscode',
    summary: 'VS Code settings for the buildout (collective.recipe.vscode), successor of ploneide',
    successorOf: 'ploneide',
    lines: {
      '6.2': {
        eggs: [],
        zcml: [],
        pins: {},
        pinnedByRelease: ['zc.recipe.egg'],
        unpinned: ['collective.recipe.vscode'],
        parts: [{ name: 'vscode', recipe: 'collective.recipe.vscode', options: { eggs: '${project-settings:eggs}' } }],
        note: `Not verified whether 6.2's versions.cfg still pins the recipe (6.0 and 6.1 pin 0.1.9, its last release): if buildout reports it as picked, pin 0.1.9. zc.recipe.egg (its requirement) is pinned by Zope 6.2. ${NAMESPACE_62}`,
        source: `plone-facts.md (ploneide row: modern equivalent collective.recipe.vscode); github.com/collective/collective.recipe.vscode tag 0.1.9 (2023-06-30, newest tag; requires setuptools, zc.buildout, zc.recipe.egg); ${ZOPE_62}`,
      },
      '6.1': {
        eggs: [],
        zcml: [],
        pins: {},
        pinnedByRelease: ['collective.recipe.vscode', 'zc.recipe.egg'],
        parts: [{ name: 'vscode', recipe: 'collective.recipe.vscode', options: { eggs: '${project-settings:eggs}' } }],
        note: 'The recipe is pinned by the 6.1 versions.cfg (0.1.9 at the newest readable 6.1 commit) and zc.recipe.egg by the Zope it extends: not pinned again.',
        source: `${COREDEV_61_HEAD}; github.com/collective/collective.recipe.vscode tag 0.1.9 (requires zc.buildout, zc.recipe.egg)`,
      },
      '6.0': {
        eggs: [],
        zcml: [],
        pins: {},
        pinnedByRelease: ['collective.recipe.vscode', 'zc.recipe.egg'],
        parts: [{ name: 'vscode', recipe: 'collective.recipe.vscode', options: { eggs: '${project-settings:eggs}' } }],
        note: 'The recipe is pinned by the 6.0 versions.cfg (0.1.9) and zc.recipe.egg by Zope 5.x (2.0.7): not pinned again.',
        source: `${COREDEV_60_VERSIONS}; ${COREDEV_60_HEAD}`,
      },
      '5.2': {
        eggs: [],
        zcml: [],
        pins: { 'collective.recipe.vscode': '0.1.9' },
        pinnedByRelease: ['zc.recipe.egg'],
        parts: [{ name: 'vscode', recipe: 'collective.recipe.vscode', options: { eggs: '${project-settings:eggs}' } }],
        note: "0.1.9 is the version Plone 6.0 pins and the recipe's last tag (classifiers 2.7, 3.4-3.10); 5.2.15's versions.cfg does not pin it. zc.recipe.egg (its requirement) is pinned by Zope 4.8.10 (2.0.7).",
        source: `${COREDEV_60_VERSIONS}; github.com/collective/collective.recipe.vscode tag 0.1.9; ${COREDEV_52}`,
      },
    },
  },

  cas: {
    name: 'cas',
    summary: 'CAS single sign-on (Products.CAS4PAS + collective.castle), Plone 4 only',
    successor: 'pas.plugins.oidc',
    lines: {
      '4.3': {
        eggs: ['Products.CAS4PAS', 'collective.castle'],
        zcml: ['collective.castle'],
        pins: { 'Products.CAS4PAS': '2.1.2' },
        unpinned: ['collective.castle'],
        note:
          'collective.castle version not verified (left out; 4.3.20 does not pin it), nor the requirements of either egg. On Plone 6.x use pas.plugins.oidc (OpenID Connect, which current CAS servers also speak) or pas.plugins.authomatic instead; neither is offered for 4.3.',
        source: `plone-facts.md (cas row); pypi.org/pypi/Products.CAS4PAS (release files for 2.1.2; 2.1.1 "Add a first Plone 4 compatibility"); ${COREDEV_43}`,
      },
    },
  },

  relstorage: {
    name: 'relstorage',
    summary: 'RelStorage on PostgreSQL instead of ZEO/FileStorage',
    lines: {
      '6.2': {
        eggs: ['RelStorage', 'psycopg2'],
        zcml: [],
        pins: { RelStorage: '4.2.0', psycopg2: '2.9.11', perfmetrics: '4.2.0' },
        pinnedByRelease: [...RELSTORAGE_RELEASED, 'packaging'],
        systemPackages: ['libpq-dev'],
        note: `${RELSTORAGE_NOTE} psycopg2 2.9.11 supports Python 3.9-3.14; perfmetrics 4.2.0 needs Python >= 3.10. RelStorage's other requirements are pinned by Zope 6.2.`,
        source: `${RELSTORAGE_420}; ${RELSTORAGE_DEPS}; ${ZOPE_62}; ${PSYCOPG_NEWS} (2.9.11: adds 3.14, drops 3.8)`,
      },
      '6.1': {
        eggs: ['RelStorage', 'psycopg2'],
        zcml: [],
        pins: { RelStorage: '4.2.0', psycopg2: '2.9.11', perfmetrics: '4.1.0' },
        pinnedByRelease: [...RELSTORAGE_RELEASED, 'packaging'],
        systemPackages: ['libpq-dev'],
        note: `${RELSTORAGE_NOTE} perfmetrics 4.1.0 covers Python 3.8-3.13; RelStorage's other requirements are pinned by the Zope the release extends.`,
        source: `${RELSTORAGE_420}; ${RELSTORAGE_DEPS}; ${COREDEV_61_HEAD}; ${PSYCOPG_NEWS} (2.9.11: adds 3.14, drops 3.8)`,
      },
      '6.0': {
        eggs: ['RelStorage', 'psycopg2'],
        zcml: [],
        pins: { RelStorage: '4.2.0', psycopg2: '2.9.11', perfmetrics: '4.1.0' },
        pinnedByRelease: [...RELSTORAGE_RELEASED, 'packaging'],
        systemPackages: ['libpq-dev'],
        note: `${RELSTORAGE_NOTE} All three support Python 3.9, the oldest Python of 6.0; RelStorage's other requirements are pinned by Zope 5.x.`,
        source: `${RELSTORAGE_420}; ${RELSTORAGE_DEPS}; ${COREDEV_60_HEAD}; ${PSYCOPG_NEWS} (2.9.11: adds 3.14, drops 3.8)`,
      },
      '5.2': {
        eggs: ['RelStorage', 'psycopg2'],
        zcml: [],
        pins: { RelStorage: '3.5.0', psycopg2: '2.9.10', perfmetrics: '4.1.0' },
        pinnedByRelease: RELSTORAGE_RELEASED,
        systemPackages: ['libpq-dev'],
        note: `${RELSTORAGE_NOTE} RelStorage 3.5.0 is the last 3.x (Python 2.7 and 3.x); psycopg2 2.9.10 is the last release supporting Python 3.8 (2.9.11 drops it); perfmetrics 4.1.0 covers 3.8; RelStorage's other requirements are pinned by Zope 4.8.10. On Python 2.7 use psycopg2 2.8.6 and perfmetrics 3.3.0 instead.`,
        source: `pyup.io/packages/pypi/relstorage (versions: 3.5.0, then 4.0.0a1); pypi.org/project/RelStorage/3.5.0/; ${RELSTORAGE_DEPS}; ${COREDEV_52}; ${PSYCOPG_NEWS}`,
      },
      '4.3': {
        eggs: ['RelStorage', 'psycopg2'],
        zcml: [],
        pins: { RelStorage: '1.6.3', psycopg2: '2.8.6', perfmetrics: '3.3.0' },
        pinnedByRelease: ['ZODB3', 'zc.lockfile'],
        systemPackages: ['libpq-dev'],
        note: `${RELSTORAGE_NOTE} 3.x requires ZODB 5.6 (CHANGES 3.4.0) and 2.x ZODB 4+, while Plone 4.3 runs ZODB3 3.10: 1.6.3, the last 1.x, requires ZODB3 >= 3.7.0. psycopg 2.9 dropped Python 2.7, so 2.8.x is the last line for 4.3; perfmetrics 3.3.0 is the last with Python 2.7. ZODB3 and zc.lockfile are pinned by 4.3.20.`,
        source: `github.com/zodb/relstorage CHANGES.rst (read via search); github.com/zodb/relstorage tag 1.6.3 (2016-09-30: perfmetrics, ZODB3>=3.7.0, zope.interface, zc.lockfile; Python 2.7); github.com/zodb/perfmetrics tag 3.3.0 (python_requires >=2.7); ${COREDEV_43} (ZODB3 3.10.7, zc.lockfile 1.0.2); postgresql.org message "Psycopg 2.9 released" (dropped Python 2.7); github.com/luxu/code-challenge/pull/53 (psycopg2-binary 2.8.6 exists; psycopg2 is released in lockstep)`,
      },
    },
  },

  restapi: {
    name: 'restapi',
    summary: 'plone.restapi REST API',
    lines: {
      '6.2': {
        eggs: ['plone.restapi'], zcml: [], pins: {}, pinnedByRelease: ['plone.restapi'],
        note: 'In core from 6.0: pinned by the release, not again.',
        source: 'plone-facts.md (restapi row)',
      },
      '6.1': {
        eggs: ['plone.restapi'], zcml: [], pins: {}, pinnedByRelease: ['plone.restapi'],
        note: 'In core from 6.0: pinned by the release, not again.',
        source: `plone-facts.md (restapi row); ${COREDEV_61_HEAD} (9.7.2)`,
      },
      '6.0': {
        eggs: ['plone.restapi'], zcml: [], pins: {}, pinnedByRelease: ['plone.restapi'],
        note: 'In core from 6.0 (9.7.2 at 6.0.13): pinned by the release, not again.',
        source: `plone-facts.md (restapi row); ${COREDEV_60_VERSIONS}; ${COREDEV_60_HEAD}`,
      },
      '5.2': {
        eggs: ['plone.restapi'], zcml: [], pins: {}, pinnedByRelease: ['plone.restapi'],
        note: "Pinned by 5.2.15's versions.cfg (7.9.0, for Python 2.7 and 3): not pinned again.",
        source: COREDEV_52,
      },
      '4.3': {
        eggs: ['plone.restapi'],
        zcml: [],
        pins: { 'plone.restapi': '7.8.3', pyrsistent: '0.15.7' },
        pinnedByRelease: ['python-dateutil', 'pytz', 'plone.behavior'],
        unpinned: ['plone.rest', 'plone.schema', 'PyJWT'],
        note: 'Not shipped with 4.3: 7.8.3 is the latest 7.x the migration training names for Python 2 and Archetypes. Its requirements plone.rest, plone.schema and PyJWT are not pinned by 4.3.20 and no version was verified on 4.3 (5.2.15 pins plone.rest 1.6.2, plone.schema 1.4.0, PyJWT 1.7.1 for Python 2.7 too): not pinned.',
        source: `plone-facts.md (7.x for Plone < 5.2); ${TRAINING_EXPORTIMPORT}; github.com/plone/plone.restapi tag 7.8.3 (requires python-dateutil, plone.behavior>=1.1, plone.rest>=1.0a6, plone.schema>=1.2.1, Products.CMFPlone, PyJWT, pytz); ${COREDEV_43}; ${COREDEV_52}`,
      },
    },
  },

  easyform: {
    name: 'easyform',
    summary: 'collective.easyform through-the-web forms',
    lines: {
      '6.2': {
        eggs: ['collective.easyform'],
        zcml: [],
        pins: { 'collective.easyform': '5.0.1', openpyxl: '3.1.5', 'et-xmlfile': '2.0.0' },
        pinnedByRelease: ['Products.validation', 'plone.restapi', 'beautifulsoup4', 'lxml', 'python-dateutil'],
        note: 'Not in Plone\'s pins. openpyxl (XLSX export, new in 5.x) and et-xmlfile are needed with allow-picked-versions = false; Products.validation, plone.restapi, beautifulsoup4, lxml and python-dateutil are pinned by the release.',
        source: `plone-facts.md (5.x: 6.2); ${REPORT_62}; github.com/collective/collective.easyform tag 5.0.0 (2026-04-20: requires openpyxl, beautifulsoup4, lxml, python-dateutil, plone.restapi, Products.validation, core packages; Python >= 3.10); ${ZOPE_62}`,
      },
      '6.1': {
        eggs: ['collective.easyform'],
        zcml: [],
        pins: { 'collective.easyform': '4.5.1' },
        pinnedByRelease: ['plone.restapi', 'Products.validation'],
        note: 'Not in Plone\'s pins. 4.5.1 (2026-02-10) is the last 4.x; its other requirements are core packages.',
        source: `plone-facts.md (4.x: 6.0/6.1); github.com/collective/collective.easyform tag 4.5.1 (requires Products.CMFPlone>=6.0.0b1, Products.validation>=3.0.0, plone.restapi, core packages; Python >= 3.9), next tag 5.0.0; 6.docs.plone.org "install an add-on" example pins it (search index file 65716253393); ${COREDEV_61_HEAD}`,
      },
      '6.0': {
        eggs: ['collective.easyform'],
        zcml: [],
        pins: { 'collective.easyform': '4.5.1' },
        pinnedByRelease: ['plone.restapi', 'Products.validation'],
        note: 'Not in Plone\'s pins. 4.5.1 (2026-02-10) is the last 4.x; its other requirements are core packages.',
        source: `plone-facts.md (4.x: 6.0/6.1); github.com/collective/collective.easyform tag 4.5.1 (requires Products.CMFPlone>=6.0.0b1, Products.validation>=3.0.0, plone.restapi, core packages; Python >= 3.9); 6.docs.plone.org "install an add-on" example pins it (search index file 65716253393); ${COREDEV_60_HEAD}`,
      },
      '5.2': {
        eggs: ['collective.easyform'],
        zcml: [],
        pins: { 'collective.easyform': '3.2.1' },
        pinnedByRelease: ['Products.validation', 'six'],
        note: 'Not in Plone\'s pins. 3.2.1 is the last 3.x listed (next is 4.0.0); it requires Products.CMFPlone < 6 and plone.schemaeditor >= 2.0.18 (5.2.15 pins 3.0.3).',
        source: `plone-facts.md (3.x/2.x: 5.x); pyup.io/packages/pypi/collective.easyform/versions; github.com/collective/collective.easyform tag 3.2.1 (Products.CMFPlone < 6, Products.validation, six, core packages); ${REPORT_62} (3.2.1 in use on 5.2.10); ${COREDEV_52}`,
      },
      '4.3': {
        eggs: ['collective.easyform'],
        zcml: [],
        pins: { 'collective.easyform': '1.1.1' },
        unpinned: ['plone.schemaeditor'],
        note: 'Not in Plone\'s pins. 1.1.1 is the last 1.x (2.0.0 dropped Plone 4). Its setup.py requires plone.schemaeditor==2.0.7 while 4.3.20 pins 1.4.1: buildout stops on that conflict unless the project overrides plone.schemaeditor = 2.0.7, whose own requirements on 4.3 were not verified, so the catalog does not do it.',
        source: `plone-facts.md (1.x: 4.x); pyup.io/packages/pypi/collective.easyform/versions; github.com/collective/collective.easyform CHANGES.rst (2.0.0a1 "no longer support Plone 4.x"); tag 1.1.1 (python_requires <3; plone.schemaeditor==2.0.7); ${COREDEV_43} (plone.schemaeditor 1.4.1)`,
      },
    },
  },

  mosaic: {
    name: 'mosaic',
    summary: 'plone.app.mosaic layout editor',
    lines: {
      '6.2': {
        eggs: ['plone.app.mosaic'], zcml: [], pins: {}, pinnedByRelease: ['plone.app.mosaic'],
        note: 'Pinned by versions-ecosystem.cfg (4.x; 4.0.0 at 6.2.1): not pinned again.',
        source: `plone-facts.md (mosaic row); ${REPORT_62}`,
      },
      '6.1': {
        eggs: ['plone.app.mosaic'], zcml: [], pins: {}, pinnedByRelease: ['plone.app.mosaic'],
        note: 'Pinned by versions-ecosystem.cfg (3.x) with its tile dependencies: not pinned again.',
        source: `plone-facts.md (mosaic row); ${COREDEV_ECOSYSTEM}; ${COREDEV_61_HEAD}`,
      },
      '6.0': {
        eggs: ['plone.app.mosaic'], zcml: [], pins: {}, pinnedByRelease: ['plone.app.mosaic'],
        note: 'Pinned by versions-ecosystem.cfg (3.x) with its tile dependencies: not pinned again.',
        source: `plone-facts.md (mosaic row); ${COREDEV_ECOSYSTEM}; ${COREDEV_60_HEAD}`,
      },
      '5.2': {
        eggs: ['plone.app.mosaic'], zcml: [], pins: {}, pinnedByRelease: ['plone.app.mosaic'],
        note: '5.2.15\'s versions.cfg pins plone.app.mosaic 2.2.5 with plone.app.blocks, plone.app.tiles, plone.app.standardtiles and plone.app.drafts: not pinned again.',
        source: `plone-facts.md (2.2.5: 5.2); ${COREDEV_52}; ${REPORT_62} (2.2.5 in use on 5.2.10)`,
      },
    },
  },

  datagridfield: {
    name: 'datagridfield',
    summary: 'collective.z3cform.datagridfield table widget',
    lines: {
      '6.2': {
        eggs: ['collective.z3cform.datagridfield'], zcml: [], pins: {}, pinnedByRelease: ['collective.z3cform.datagridfield'],
        note: 'Pinned by versions-ecosystem.cfg (4.x): not pinned again.',
        source: 'plone-facts.md (datagridfield row)',
      },
      '6.1': {
        eggs: ['collective.z3cform.datagridfield'], zcml: [], pins: {}, pinnedByRelease: ['collective.z3cform.datagridfield'],
        note: 'Pinned by versions-ecosystem.cfg (3.x): not pinned again.',
        source: `plone-facts.md (datagridfield row); ${COREDEV_ECOSYSTEM}; ${COREDEV_61_HEAD}`,
      },
      '6.0': {
        eggs: ['collective.z3cform.datagridfield'], zcml: [], pins: {}, pinnedByRelease: ['collective.z3cform.datagridfield'],
        note: 'Pinned by versions-ecosystem.cfg (3.x): not pinned again.',
        source: `plone-facts.md (datagridfield row); ${COREDEV_ECOSYSTEM}; ${COREDEV_60_HEAD}`,
      },
      '5.2': {
        eggs: ['collective.z3cform.datagridfield'], zcml: [], pins: {}, pinnedByRelease: ['collective.z3cform.datagridfield'],
        note: '5.2.15\'s versions.cfg pins it (1.5.3): not pinned again.',
        source: `plone-facts.md (1.5.3: 5.2); ${COREDEV_52}; github.com/collective/collective.z3cform.datagridfield README ("versions >= 1.4 are for Plone 5+")`,
      },
      '4.3': {
        eggs: ['collective.z3cform.datagridfield'], zcml: [], pins: {}, pinnedByRelease: ['collective.z3cform.datagridfield'],
        note: '4.3.20\'s versions.cfg pins it (1.3.3): not pinned again.',
        source: `plone-facts.md (1.3.3: 4.3); ${COREDEV_43}; github.com/collective/collective.z3cform.datagridfield README ("if you use Plone 4.3, use versions 1.3.x")`,
      },
    },
  },

  taxonomy: {
    name: 'taxonomy',
    summary: 'collective.taxonomy hierarchical vocabularies',
    lines: {
      '6.2': {
        eggs: ['collective.taxonomy'], zcml: [], pins: { 'collective.taxonomy': '3.1.7' }, pinnedByRelease: ['lxml'],
        note: `3.1.7 (2025-04-28) is the last release (classifiers Plone 6.0/6.1, Python 3.9-3.13): on 6.2 it is untested upstream. Its requirements are core packages and lxml, pinned by the release. ${NAMESPACE_62}`,
        source: 'plone-facts.md (taxonomy row); github.com/collective/collective.taxonomy tag 3.1.7 (requires plone.base, plone.supermodel, plone.api>=1.5, plone.app.registry, plone.app.dexterity, lxml; python_requires >=3.9); its master CHANGES: 3.1.8 unreleased',
      },
      '6.1': {
        eggs: ['collective.taxonomy'], zcml: [], pins: { 'collective.taxonomy': '3.1.7' }, pinnedByRelease: ['lxml'],
        note: '3.1.7 (2025-04-28) is the last release ("Use plone.app.z3cform.widgets.OrderedSelect in Plone 6.1" since 3.1.6). Its requirements are core packages and lxml, pinned by the release.',
        source: `plone-facts.md (3.x: 6.x); github.com/collective/collective.taxonomy tag 3.1.7 (requires core packages and lxml; classifiers Plone 6.0, 6.1); ${COREDEV_61_HEAD}`,
      },
      '6.0': {
        eggs: ['collective.taxonomy'], zcml: [], pins: { 'collective.taxonomy': '3.1.7' }, pinnedByRelease: ['lxml'],
        note: '3.1.7 (2025-04-28) is the last release. Its requirements are core packages and lxml, pinned by the release.',
        source: `plone-facts.md (3.x: 6.x); github.com/collective/collective.taxonomy tag 3.1.7 (requires core packages and lxml; classifiers Plone 6.0, 6.1); ${COREDEV_60_HEAD}`,
      },
      '5.2': {
        eggs: ['collective.taxonomy'],
        zcml: [],
        pins: { 'collective.taxonomy': '2.2.2' },
        pinnedByRelease: ['six'],
        note: '2.2.2 (2022-07-12) is the last 2.x (branch 2.x; classifiers Plone 5.0-5.2, Python 2.7, 3.7, 3.8). Its requirements are core packages, lxml and six >= 1.12 (Zope 4.8.10 pins six 1.16.0).',
        source: `plone-facts.md (2.x: 5.x); github.com/collective/collective.taxonomy tag 2.2.2 (requires plone.supermodel, plone.api>=1.5, plone.app.registry, lxml, six>=1.12); ${COREDEV_52}`,
      },
    },
  },

  exportimport: {
    name: 'exportimport',
    summary: 'collective.exportimport content migration helper',
    lines: {
      '6.2': {
        eggs: ['collective.exportimport'],
        zcml: [],
        pins: { 'collective.exportimport': '1.16', 'hurry.filesize': '0.9', ijson: '3.2.3' },
        pinnedByRelease: ['plone.restapi', 'six'],
        note: `plone.restapi and six come from the release; ijson (streamed import) as the migration training pins it. ${NAMESPACE_62}`,
        source: `plone-facts.md (exportimport row); ${EXPORTIMPORT_116}; ${TRAINING_EXPORTIMPORT}; ${IJSON_323}; ${ZOPE_62}`,
      },
      '6.1': {
        eggs: ['collective.exportimport'],
        zcml: [],
        pins: { 'collective.exportimport': '1.16', 'hurry.filesize': '0.9', ijson: '3.2.3' },
        pinnedByRelease: ['plone.restapi', 'six'],
        note: 'plone.restapi and six come from the release; ijson (streamed import) as the migration training pins it.',
        source: `plone-facts.md (exportimport row); ${EXPORTIMPORT_116}; ${TRAINING_EXPORTIMPORT}; ${IJSON_323}; ${COREDEV_61_HEAD}`,
      },
      '6.0': {
        eggs: ['collective.exportimport'],
        zcml: [],
        pins: { 'collective.exportimport': '1.16', 'hurry.filesize': '0.9', ijson: '3.2.3' },
        pinnedByRelease: ['plone.restapi', 'six'],
        note: 'plone.restapi and six come from the release; ijson (streamed import) as the migration training pins it.',
        source: `plone-facts.md (exportimport row); ${EXPORTIMPORT_116}; ${TRAINING_EXPORTIMPORT}; ${IJSON_323}; ${COREDEV_60_HEAD}`,
      },
      '5.2': {
        eggs: ['collective.exportimport'],
        zcml: [],
        pins: { 'collective.exportimport': '1.16', 'hurry.filesize': '0.9', ijson: '3.2.3' },
        pinnedByRelease: ['plone.restapi', 'pyrsistent', 'six'],
        note: 'plone.restapi (7.9.0), its pyrsistent (0.15.7) and six come from 5.2.15; ijson (streamed import) as the migration training pins it.',
        source: `plone-facts.md (exportimport row: 4.3-6.x); ${EXPORTIMPORT_116}; ${TRAINING_EXPORTIMPORT}; ${IJSON_323}; ${COREDEV_52}`,
      },
      '4.3': {
        eggs: ['collective.exportimport'],
        zcml: [],
        pins: {
          'collective.exportimport': '1.16',
          'plone.restapi': '7.8.3',
          pyrsistent: '0.15.7',
          'hurry.filesize': '0.9',
          ijson: '3.2.3',
        },
        pinnedByRelease: ['six', 'python-dateutil', 'pytz', 'plone.behavior'],
        unpinned: ['plone.rest', 'plone.schema', 'PyJWT'],
        note: 'plone.restapi is not shipped with 4.3: the latest 7.x (Python 2, Archetypes) is pinned with it; its requirements plone.rest, plone.schema and PyJWT were not verified on 4.3 (see the restapi module): not pinned.',
        source: `plone-facts.md (exportimport row); ${EXPORTIMPORT_116}; ${TRAINING_EXPORTIMPORT}; ${IJSON_323}; github.com/plone/plone.restapi tag 7.8.3; ${COREDEV_43}`,
      },
    },
  },
};

export type ModuleLookup = ModuleLineSpec | { unsupported: true; supportedLines: PloneLineName[] } | undefined;

/** Lines a module supports, newest first (catalog order). */
export function supportedLines(name: string): PloneLineName[] {
  const entry = MODULES[name];
  if (!entry) return [];
  return PLONE_LINES.filter((line) => entry.lines[line] !== undefined);
}

/**
 * The module's spec for a line; `{ unsupported, supportedLines }` when the module exists but not
 * for that line; `undefined` when no module has that name.
 */
export function moduleFor(name: string, line: PloneLineName): ModuleLookup {
  const entry = MODULES[name];
  if (!entry) return undefined;
  const spec = entry.lines[line];
  if (spec) return spec;
  return { unsupported: true, supportedLines: supportedLines(name) };
}

export function isUnsupported(value: ModuleLookup): value is { unsupported: true; supportedLines: PloneLineName[] } {
  return value !== undefined && 'unsupported' in value;
}
