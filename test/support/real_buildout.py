"""Resolve buildout configurations with the real zc.buildout, without installing anything.

Usage: real_buildout.py JOB.json   (or - for stdin)
       python3 real_buildout.py JOB.json --buildout5 SRC   (zc.buildout 5.2's src/ folder, see below)
JOB: {"extendsCache": "/dir" | null, "configs": ["/abs/project/buildout.cfg", ...], "perSection": false}
(perSection: resolve the parts, then each section on its own, and report each failure as
"errors": {section or "" for the parts: "Kind: message"} instead of failing the config)
Prints one JSON object: {"executable", "results": [{"config", "ok", "parts", "sections"} | {"config", "ok": false, "kind", "message"}]}

One process resolves many configurations, because starting Python and importing buildout
costs far more than resolving one profile. Recipe loading is skipped (recipe eggs cannot
be installed offline): Options.initialize is replaced, everything before it, including all
substitution and the implicit-part bookkeeping, is zc.buildout's own code.
"""
import collections
import collections.abc
import json
import os
import shutil
import sys
import tempfile

# zc.buildout 5.2 from its source folder: first on sys.path, with a dist-info folder beside it,
# because it looks its own distribution up at import time and in Buildout.__init__. The folder
# is a temporary one, removed at exit.
_DIST_INFO = None
if '--buildout5' in sys.argv:
    _src = sys.argv[sys.argv.index('--buildout5') + 1]
    _DIST_INFO = tempfile.mkdtemp(prefix='pf-buildout5-')
    os.mkdir(os.path.join(_DIST_INFO, 'zc.buildout-5.2.0.dist-info'))
    with open(os.path.join(_DIST_INFO, 'zc.buildout-5.2.0.dist-info', 'METADATA'), 'w') as f:
        f.write('Metadata-Version: 2.1\nName: zc.buildout\nVersion: 5.2.0\n')
    sys.path[:0] = [_src, _DIST_INFO]

# Debian's zc.buildout 2.13 still imports MutableMapping from collections (gone in 3.10).
collections.MutableMapping = collections.abc.MutableMapping

import zc.buildout  # noqa: E402
import zc.buildout.buildout as zb  # noqa: E402


def _skip_recipe(self):
    self.recipe = None


zb.Options.initialize = _skip_recipe


def resolve(config, extends_cache, per_section=False):
    options = [('buildout', 'offline', 'true')]
    if extends_cache:
        options.append(('buildout', 'extends-cache', extends_cache))
    cwd = os.getcwd()
    os.chdir(os.path.dirname(config))
    try:
        # 2.13 names it user_defaults, 5.2 use_user_defaults: no ~/.buildout/default.cfg either way
        if 'use_user_defaults' in zb.Buildout.__init__.__code__.co_varnames:
            b = zb.Buildout(config, options, use_user_defaults=False)
        else:
            b = zb.Buildout(config, options, user_defaults=False)
        parts = b['buildout']['parts'].split()
        if per_section:
            # what install reads (the parts), then every other section on its own: a failure
            # is recorded where it happens instead of failing the whole config. Buildout's
            # __getitem__ keeps a section that failed half way: what a failed read added is
            # forgotten, so the next read of such a section fails again, where it belongs
            errors = {}
            before = set(b._data)
            try:
                for part in parts:
                    b[part]
            except Exception as e:
                errors[''] = '%s: %s' % (type(e).__name__, e)
                for k in set(b._data) - before:
                    del b._data[k]
            for name in sorted(b._raw):
                before = set(b._data)
                try:
                    b[name]
                except Exception as e:
                    errors[name] = '%s: %s' % (type(e).__name__, e)
                    for k in set(b._data) - before:
                        del b._data[k]
            sections = {}
            for name, opts in b._data.items():
                try:
                    sections[name] = {k: opts[k] for k in opts.keys()}
                except Exception:
                    pass
            return {'config': config, 'ok': True, 'parts': parts, 'sections': sections, 'errors': errors}
        for part in parts:
            b[part]
        install_order = list(b._parts)
        for name in sorted(b._raw):
            b[name]
        sections = {}
        for name, opts in b._data.items():
            sections[name] = {k: opts[k] for k in opts.keys()}
        return {'config': config, 'ok': True, 'parts': parts,
                'installOrder': install_order, 'sections': sections}
    except Exception as e:  # every failure is a result to report, not a crash
        return {'config': config, 'ok': False, 'kind': type(e).__name__, 'message': str(e)}
    finally:
        os.chdir(cwd)


def main():
    src = sys.stdin if sys.argv[1] == '-' else open(sys.argv[1])
    job = json.load(src)
    out = sys.stdout
    sys.stdout = sys.stderr  # buildout prints progress ("Creating directory ...") to stdout
    try:
        results = [resolve(c, job.get('extendsCache'), job.get('perSection', False)) for c in job['configs']]
    finally:
        if _DIST_INFO:
            shutil.rmtree(_DIST_INFO, ignore_errors=True)
    json.dump({'executable': sys.executable, 'results': results}, out)


if __name__ == '__main__':
    main()
