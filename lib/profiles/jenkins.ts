// What the jenkins profile uses on each Plone line, as data: the test runner that writes
// JUnit XML, coverage.py, ruff, and how the Jenkinsfile bootstraps. Each fact carries its
// source; what could not be checked says so.
import type { PloneLineName } from '../catalog/plone-lines.js';

export interface JenkinsLine {
  /**
   * `zope.testrunner`: zc.recipe.testrunner, and zope.testrunner's own `--xml DIR` (since
   * zope.testrunner 6.4), which writes DIR/testreports/*.xml.
   * `collective.xmltestreport`: its recipe (zc.recipe.testrunner's options) and its boolean
   * `--xml`, which writes parts/test/testreports/*.xml. Never both: zope.testrunner 6.4+
   * and collective.xmltestreport both declare `--xml`.
   */
  runner: 'zope.testrunner' | 'collective.xmltestreport';
  /** Where the JUnit XML files land, relative to the project root (the Jenkinsfile publishes them). */
  reports: string;
  /** Exact versions of the test tools, pinned by the jenkins profile where the release does not pin them (RELEASE_PINS). */
  pins: Record<string, string>;
  /** How the Jenkinsfile creates the project's virtualenv in the workspace. */
  venv: string;
  /** ruff's --target-version: the oldest it accepts when the line's Python is older. */
  ruffTarget: string;
  source: string;
}

/** ruff runs from its own venv (it needs none of the project's eggs): one pin for every line. */
export const RUFF_VERSION = '0.17.5';
export const RUFF_SOURCE = 'pypi: ruff 0.17.5 (2026-11), the latest release; plone.recipe.codeanalysis is dead (plone-facts.md: replaced by pre-commit/ruff)';

const ZTR = 'zope.testrunner CHANGES (6.4, 2024): "Add new --xml <path> option to write JUnit-like XML reports. Code comes from collective.xmltestreport"; its tests show --xml=. writing ./testreports/*.xml';
const CXR = 'pypi: collective.xmltestreport 2.0.2 (2020-03, latest): recipe with zc.recipe.testrunner\'s options, `bin/test --xml` writes parts/test/testreports/*.xml, "compatibility with zope.testrunner 5.1+"';

const modern = (coverage: string, python: string, note: string): JenkinsLine => ({
  runner: 'zope.testrunner',
  reports: 'var/testreports',
  pins: { coverage },
  venv: `python${python} -m venv .`,
  ruffTarget: `py${python.replace('.', '')}`,
  source: `${ZTR}; ${note}`,
});

export const JENKINS: Record<PloneLineName, JenkinsLine> = {
  '6.2': modern('7.17.3', '3.12', 'Zope 5.13 pins zope.testrunner >= 6.4 (inferred: 6.4 predates Zope 5.10); pypi: coverage 7.17.3 (2026-11)'),
  '6.1': modern('7.17.3', '3.12', 'Zope 5.12 pins zope.testrunner >= 6.4 (inferred: 6.4 predates Zope 5.10); pypi: coverage 7.17.3 (2026-11)'),
  // The 6.0 branch (e34f457) and Zope 5.10 pin no coverage; 7.6.4 is what the 6.1 branch pins.
  '6.0': modern('7.6.4', '3.11', 'Plone 6.0.15 extends Zope 5.11, which pins zope.testrunner >= 6.4 (inferred, not read: 6.4 predates Zope 5.10); coverage 7.6.4 as the 6.1 branch pins it (buildout.coredev 500ec6a)'),
  '5.2': {
    runner: 'collective.xmltestreport',
    reports: 'parts/test/testreports',
    pins: { 'collective.xmltestreport': '2.0.2', coverage: '7.6.1' },
    venv: 'python3.8 -m venv .',
    ruffTarget: 'py38',
    source: `${CXR}; Zope 4.8.11 pins a zope.testrunner 5.x, without --xml; coverage 7.6.1 is the last release for Python 3.8 (7.6.2 dropped it)`,
  },
  '4.3': {
    runner: 'collective.xmltestreport',
    reports: 'parts/test/testreports',
    pins: { 'collective.xmltestreport': '2.0.2', coverage: '5.5' },
    // Python 2.7 has no venv module.
    venv: 'virtualenv --python=python2.7 .',
    // ruff cannot parse Python 2 only syntax (print statements); py37 is the oldest target it knows.
    ruffTarget: 'py37',
    source: `${CXR} (unverified against Zope 2.13's zope.testrunner 4.x); coverage 5.5 is the last release for Python 2.7`,
  },
};
