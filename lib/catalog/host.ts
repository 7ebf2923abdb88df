// What a Debian 12 (bookworm) host needs to build and run a generated project, as data:
// the bootstrap of each Plone line, and the Debian package behind each command the
// generated parts call. Servers' packages are in stack.ts, modules' build packages in
// modules.ts; the generated README gathers them per profile (lib/project/host-needs.ts).
import type { PloneLineName } from './plone-lines.js';

/** How a line's virtualenv and zc.buildout are bootstrapped on Debian 12. */
export interface Bootstrap {
  /** The Python it runs on and where a Debian 12 host gets it (ends a sentence "Python: ..."). */
  python: string;
  /** Debian 12 packages the bootstrap needs (creating the virtualenv, building C extensions). */
  debian: readonly string[];
  /** Shell commands, in order, in the project's directory. The pins come from requirements.txt. */
  commands: readonly string[];
  note?: string;
  source: string;
}

// Debian 12's python3 is 3.11 (the suite's real-buildout tests run it).
const DEBIAN_PYTHON = ['python3-venv', 'python3-dev', 'build-essential'];
const VENV = (python: string): string[] => [`${python} -m venv .`, 'bin/pip install -r requirements.txt', 'bin/buildout'];
// What pyenv's wiki asks for to build a CPython on Debian (github.com/pyenv/pyenv/wiki, "Suggested build environment").
const PYENV_BUILD = ['git', 'build-essential', 'libssl-dev', 'zlib1g-dev', 'libbz2-dev', 'libreadline-dev', 'libsqlite3-dev', 'libffi-dev', 'liblzma-dev', 'libncurses-dev'];
const PYENV = 'git clone https://github.com/pyenv/pyenv ~/.pyenv';

export const BOOTSTRAP: Record<PloneLineName, Bootstrap> = {
  '6.2': {
    python: "Debian 12's python3 (3.11), within the Python 3.10 to 3.14 that Plone 6.2 supports",
    debian: DEBIAN_PYTHON,
    commands: VENV('python3'),
    source: 'plone-facts.md (release lines table: 6.2 on Python 3.10-3.14)',
  },
  '6.1': {
    python: "Debian 12's python3 (3.11), within the Python 3.10 to 3.13 that Plone 6.1 supports",
    debian: DEBIAN_PYTHON,
    commands: VENV('python3'),
    source: 'plone-facts.md (release lines table: 6.1 on Python 3.10-3.13)',
  },
  '6.0': {
    python: "Debian 12's python3 (3.11), within the Python 3.9 to 3.13 that Plone 6.0 supports",
    debian: DEBIAN_PYTHON,
    commands: VENV('python3'),
    source: 'plone-facts.md (release lines table: 6.0 on Python 3.9-3.13)',
  },
  '5.2': {
    python: '3.8, end of life since October 2024 and not in Debian 12: build 3.8.20, its last release, with pyenv',
    debian: PYENV_BUILD,
    commands: [PYENV, '~/.pyenv/bin/pyenv install 3.8.20', ...VENV('~/.pyenv/versions/3.8.20/bin/python3.8')],
    note: "Or build python.org's Python-3.8.20 source (`./configure --prefix=/opt/python3.8 && make && make altinstall`) and create the virtualenv with /opt/python3.8/bin/python3.8. deadsnakes packages are for Ubuntu, not Debian.",
    source: 'plone-facts.md (5.2 on Python 2.7 and 3.8); python.org/downloads/release/python-3820 (final 3.8 release, 2024-09); peps.python.org/pep-0569 (3.8 end of life 2024-10)',
  },
  '4.3': {
    python: '2.7, which Debian 12 does not have: build 2.7.18, its last release, with pyenv',
    debian: [...PYENV_BUILD, 'pipx'],
    commands: [
      PYENV,
      '~/.pyenv/bin/pyenv install 2.7.18',
      // virtualenv 20.22 dropped creating Python 2 environments; Debian 12's own virtualenv uses its py3-only wheels.
      "pipx install 'virtualenv<20.22'",
      'PATH=~/.pyenv/versions/2.7.18/bin:$PATH ~/.local/bin/virtualenv --python=python2.7 .',
      'bin/pip install -r requirements.txt',
      'bin/buildout',
    ],
    note: "requirements.txt pins zc.buildout 2.13 and setuptools as Plone's own Python 2 bootstrap does. Python 2.7's ssl module may not build against Debian 12's OpenSSL 3 (not verified here); a host or container that still ships Python 2.7 (Debian 10, the python:2.7 image) avoids building it.",
    source: 'plone-facts.md (4.3 on Python 2.7, buildout 2.13.x); github.com/plone/buildout.coredev requirements.txt of a Python 2 branch (setuptools==42.0.2, zc.buildout==2.13.8, wheel==0.37.1, as plone-lines.ts pins; read via search, branch not recorded; dist.plone.org/release/4.3.20/requirements.txt itself was not reachable); virtualenv 20.22.0 changelog (drops creating Python 2 environments)',
  },
};

/** A command the generated parts call, the Debian package that provides it, and how to spot the part. */
export interface HostCommand {
  command: string;
  debian: string;
  /** Matches the buildout text of a part that calls the command. */
  usedBy: RegExp;
  why: string;
}

export const HOST_COMMANDS: readonly HostCommand[] = [
  // z3c.recipe.usercrontab installs its lines with `crontab` (Debian: cron).
  { command: 'crontab', debian: 'cron', usedBy: /^recipe\s*=\s*z3c\.recipe\.usercrontab\s*$/m, why: 'crontab, for the cron parts (z3c.recipe.usercrontab)' },
  { command: 'logrotate', debian: 'logrotate', usedBy: /^command\s*=\s*\/usr\/sbin\/logrotate\b/m, why: 'logrotate, for the daily log rotation (etc/logrotate.conf)' },
  { command: 'pg_dump', debian: 'postgresql-client', usedBy: /^output\s*=\s*\S*\/pg-backup$/m, why: 'pg_dump, for the nightly RelStorage backup (bin/pg-backup)' },
];
