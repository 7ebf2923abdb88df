// Plone release lines: every per-line fact the generated buildout depends on, each once.
// Sources: ../shared/plone-facts.md (release table, recipe-majors table) unless noted.

export const PLONE_LINES = ['6.2', '6.1', '6.0', '5.2', '4.3'] as const;
export type PloneLineName = (typeof PLONE_LINES)[number];

export type RecipeRole =
  | 'instance' | 'zeoserver' | 'backup' | 'supervisor' | 'supervisord' | 'template'
  | 'testrunner' | 'omelette' | 'developer' | 'crontab' | 'directories';

/**
 * A recipe (or what a recipe installs: `supervisord` is the supervisor egg the supervisor part
 * runs). `version` is the exact pin the project adds; it is absent where the line's own pin
 * files pin the egg (RELEASE_PINS), which the project never overrides. Exact, because
 * zc.buildout counts any version not pinned with `=` as picked, and production profiles
 * set allow-picked-versions = false.
 */
export interface RecipePin { egg: string; version?: string }

export interface PloneLine {
  line: PloneLineName;
  /** Latest release of the line: its official pins are extended. */
  release: string;
  /** Major of zc.buildout the line runs on: decides the resolver's semantics. */
  buildoutMajor: 2 | 3 | 4 | 5;
  /** Python the generated README tells people to create the virtualenv with. */
  python: string;
  /** Bootstrap pins written to requirements.txt: exact versions, or a range where unverified. */
  requirements: Record<string, string>;
  /** Official pin files of the release, extended first by profiles/etc/versions.cfg. */
  pinFiles: string[];
  /**
   * Zope serves with ZServer (Zope 2, Plone 4.3) rather than WSGI: only ZServer reads
   * effective-user and event-log-max-size (plone.recipe.zope2instance README and changelog).
   */
  zserver: boolean;
  /**
   * Zope reads zope.conf's `<dos_protection>` (form-memory-limit...): Zope 5.8.4 and later
   * (zopefoundation/Zope PR #1142, f62d0c9, first tag 5.8.4; absent from 4.x and 2.13).
   * plone.recipe.zope2instance has no option for it: its CHANGES (6.12.2, which added the
   * section to its own schema) say to give it through `zope-conf-additional`.
   */
  dosProtection: boolean;
  /** Eggs every instance of this line needs besides the project's own. */
  baseEggs: string[];
  recipes: Record<RecipeRole, RecipePin>;
  /**
   * Pins the project sets over the release's own, on purpose: only where the bootstrap the
   * generated README gives cannot run the release's choice. Each says why.
   */
  overrides?: Record<string, { version: string; why: string }>;
  source: string;
}

/**
 * Default of `--form-memory-limit`. Zope's own, 1MB, refused image uploads from Plone 6.0.7
 * on (Products.CMFPlone #3848); plone.restapi then allowed its uploads up to 16 MB
 * (its commit 796732d), which this follows.
 */
export const FORM_MEMORY_LIMIT = '16MB';

const R = (egg: string, version?: string): RecipePin => (version === undefined ? { egg } : { egg, version });

// Which recipe eggs each release's pin files pin, and the exact versions of those they do
// not: read from github.com/plone/buildout.coredev (tags 4.3.20 and 5.2.15, branches 6.0
// and 6.1 at e34f457/500ec6a, 2024-10) and zopefoundation/Zope gh-pages releases/<v>/
// versions(-prod).cfg (4.8.10, 5.10-5.14.2, 6.2), release dates from each recipe's git tags.
// 6.0.15, 6.1.5 and 6.2.2's own files were not readable: that they still pin the recipes
// every earlier release of their series pins is inferred (RELEASE_PINS says which).
const PINS_SOURCE =
  'coredev 4.3.20/5.2.15 tags, 6.0/6.1 branches; Zope gh-pages releases 4.8.10, 5.10-5.14.2, 6.2; recipe git tags: collective.recipe.backup 6.0.0 (2026-05, Plone 6.2 and Python >= 3.10 only), 5.1.0 (2025-04, Python 3.8-3.13), 4.2.0 (2021-08, last 4.x, Python 2.7/3.6-3.9); collective.recipe.supervisor 2.0.0 (python_requires >= 3.10), 1.0.0, 0.20 (Python 2); z3c.recipe.usercrontab 1.5 (2018-12, last); supervisor 4.3.0 (2025-08, Python 2.7/3.4-3.13); z3c.recipe.mkdir 1.1 (2024-09, Python >= 3.8; 2.0 uses native namespaces and breaks z3c.recipe.usercrontab placed after it, ../shared/recipes/README.txt), 0.7 (2018-11, last for Python 2.7)';

const DIST = (scheme: 'http' | 'https', release: string, files: string[]): string[] =>
  files.map((f) => `${scheme}://dist.plone.org/release/${release}/${f}`);

const SIX_PINS = ['versions.cfg', 'versions-ecosystem.cfg', 'versions-extra.cfg'];

/**
 * Every line's recipes: the release pins most of them; the project pins, exactly, what the
 * lines differ in and what no release pins (supervisor 4.3.0 and z3c.recipe.usercrontab 1.5,
 * the latest of each, run on Python 2.7 to 3.13).
 */
function recipes(own: { backup: string; supervisor: string; directories: string }): Record<RecipeRole, RecipePin> {
  return {
    instance: R('plone.recipe.zope2instance'),
    zeoserver: R('plone.recipe.zeoserver'),
    backup: R('collective.recipe.backup', own.backup),
    supervisor: R('collective.recipe.supervisor', own.supervisor),
    supervisord: R('supervisor', '4.3.0'),
    template: R('collective.recipe.template'),
    testrunner: R('zc.recipe.testrunner'),
    omelette: R('collective.recipe.omelette'),
    developer: R('mr.developer'),
    crontab: R('z3c.recipe.usercrontab', '1.5'),
    directories: R('z3c.recipe.mkdir', own.directories),
  };
}

export const PLONE: Record<PloneLineName, PloneLine> = {
  '6.2': {
    line: '6.2', dosProtection: true, zserver: false, release: '6.2.2', buildoutMajor: 5, python: '3.12',
    // 6.2.2 RELEASE-NOTES.md (buildout.coredev); setuptools 82 removed pkg_resources: stay below.
    requirements: { 'zc.buildout': '5.2.0', setuptools: '81.0.0', pip: '26.2.1', wheel: '0.47.0', 'horse-with-no-namespace': '20260202.0' },
    pinFiles: DIST('https', '6.2.2', SIX_PINS),
    baseEggs: ['Plone'],
    recipes: recipes({ backup: '6.0.0', supervisor: '2.0.0', directories: '1.1' }),
    source: `plone-facts.md: 6.2.2 (2026-09), Python 3.10-3.14, buildout 5.x; ${PINS_SOURCE}`,
  },
  '6.1': {
    line: '6.1', dosProtection: true, zserver: false, release: '6.1.5', buildoutMajor: 4, python: '3.12',
    // 6.1.5 RELEASE-NOTES.md (buildout.coredev, 2026-06-25).
    requirements: { 'zc.buildout': '4.2.0', setuptools: '81.0.0', pip: '26.1.2', wheel: '0.47.0' },
    pinFiles: DIST('https', '6.1.5', SIX_PINS),
    baseEggs: ['Plone'],
    recipes: recipes({ backup: '5.1.0', supervisor: '1.0.0', directories: '1.1' }),
    source: `plone-facts.md: 6.1.5, Python 3.10-3.13, buildout 4.x; ${PINS_SOURCE}`,
  },
  '6.0': {
    line: '6.0', dosProtection: true, zserver: false, release: '6.0.15', buildoutMajor: 4, python: '3.11',
    // 6.0.15rc2 RELEASE-NOTES.md: zc.buildout 4.1.4 (plone-facts.md's "3.x" is out of date).
    requirements: { 'zc.buildout': '4.1.4', setuptools: '75.8.2', pip: '25.0.1', wheel: '0.45.1' },
    pinFiles: DIST('https', '6.0.15', SIX_PINS),
    baseEggs: ['Plone'],
    recipes: recipes({ backup: '5.1.0', supervisor: '1.0.0', directories: '1.1' }),
    source: `plone-facts.md: 6.0.15; buildout 4.x per 6.0.15rc2 RELEASE-NOTES.md; ${PINS_SOURCE}`,
  },
  '5.2': {
    line: '5.2', dosProtection: false, zserver: false, release: '5.2.15', buildoutMajor: 3, python: '3.8',
    // 5.2.15 RELEASE-NOTES.md, Python 3 set (setuptools 70 breaks zc.buildout 3.0.1).
    requirements: { 'zc.buildout': '3.0.1', setuptools: '65.7.0', wheel: '0.38.4' },
    pinFiles: DIST('https', '5.2.15', ['versions.cfg']),
    baseEggs: ['Plone', 'Pillow'],
    recipes: recipes({ backup: '4.2.0', supervisor: '1.0.0', directories: '1.1' }),
    source: `plone-facts.md: 5.2.15, Python 2.7/3.8; we generate for Python 3.8, which Plone bootstraps with zc.buildout 3.0.1; ${PINS_SOURCE}`,
  },
  '4.3': {
    line: '4.3', dosProtection: false, zserver: true, release: '4.3.20', buildoutMajor: 2, python: '2.7',
    // Unverified for 4.3: the Python 2 set of 5.2.15's RELEASE-NOTES.md, which runs the same buildout 2.13.
    requirements: { 'zc.buildout': '2.13.8', setuptools: '42.0.2', pip: '<21', wheel: '0.37.1' },
    pinFiles: DIST('http', '4.3.20', ['versions.cfg']),
    baseEggs: ['Plone', 'Pillow'],
    recipes: recipes({ backup: '4.2.0', supervisor: '0.20', directories: '0.7' }),
    // coredev 4.3.20 bootstraps zc.buildout 1.7.1, and the zope toolkit pins it extends pin the
    // buildout-1 recipes zc.recipe.egg 1.3.2 and zc.recipe.testrunner 1.2.1; the generated
    // requirements.txt bootstraps zc.buildout 2.13 instead (what Plone 4.3 sites ran last).
    overrides: {
      'zc.buildout': { version: '2.13.8', why: 'the bootstrap of requirements.txt; the release pins the 1.7.1 it was built with' },
      'zc.recipe.egg': { version: '2.0.7', why: 'the release pins 1.3.2, a zc.buildout 1.x recipe; 2.0.7 needs zc.buildout >= 2.12 and runs on Python 2.7' },
      'zc.recipe.testrunner': { version: '2.2', why: 'the release pins 1.2.1, for zc.buildout 1.x; 2.2 is the last release for Python 2.7' },
    },
    source: `plone-facts.md: 4.3.20, Python 2.7, buildout 2.13.x; 4.x material used http:// pin URLs; ${PINS_SOURCE}`,
  },
};

export function isPloneLine(value: string): value is PloneLineName {
  return (PLONE_LINES as readonly string[]).includes(value);
}
