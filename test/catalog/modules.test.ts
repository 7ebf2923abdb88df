import { strict as assert } from 'node:assert';
import { PLONE_LINES, type PloneLineName } from '../../lib/catalog/plone-lines.js';
import {
  MODULES,
  RELEASE_PINS,
  isUnsupported,
  moduleFor,
  supportedLines,
  type ModuleLineSpec,
} from '../../lib/catalog/modules.js';
import { DEV_HELPER_EGGS, DEV_HELPERS } from '../../lib/catalog/dev-helpers.js';

// PEP 508 distribution name.
const DIST_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;
// PEP 440 public version in canonical form, no specifier, no local part, no wildcard.
const EXACT_VERSION =
  /^([1-9][0-9]*!)?(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*((a|b|rc)(0|[1-9][0-9]*))?(\.post(0|[1-9][0-9]*))?(\.dev(0|[1-9][0-9]*))?$/;
// Debian package name (Policy 5.6.1).
const DEB_NAME = /^[a-z0-9][a-z0-9+.-]+$/;

/** PEP 503 normalized name. */
const norm = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

function* specs(): Generator<[string, PloneLineName, ModuleLineSpec]> {
  for (const [name, entry] of Object.entries(MODULES)) {
    for (const line of PLONE_LINES) {
      const spec = entry.lines[line];
      if (spec) yield [name, line, spec];
    }
  }
}

const recipesOf = (spec: ModuleLineSpec): string[] => (spec.parts ?? []).map((p) => p.recipe);

describe('catalog/modules', () => {
  it('has the modules the generator offers', () => {
    for (const name of [
      'getpaid', 'ldap', 'theming', 'ploneide', 'vscode', 'cas', 'relstorage',
      'restapi', 'easyform', 'mosaic', 'datagridfield', 'taxonomy', 'exportimport',
    ]) {
      assert.ok(MODULES[name], `missing module ${name}`);
    }
  });

  it('keys entries by their name and gives each a summary and at least one line', () => {
    for (const [key, entry] of Object.entries(MODULES)) {
      assert.equal(entry.name, key);
      assert.ok(entry.summary.trim().length > 0, `${key}: empty summary`);
      const lines = Object.keys(entry.lines);
      assert.ok(lines.length > 0, `${key}: names no line`);
      for (const line of lines) assert.ok((PLONE_LINES as readonly string[]).includes(line), `${key}: unknown line ${line}`);
    }
  });

  it('gives every line spec a source', () => {
    for (const [name, line, spec] of specs()) {
      assert.ok(spec.source.trim().length > 0, `${name}@${line}: no source`);
    }
  });

  it('uses valid distribution names everywhere', () => {
    for (const [name, line, spec] of specs()) {
      const names = [
        ...spec.eggs, ...spec.zcml, ...Object.keys(spec.pins), ...(spec.pinnedByRelease ?? []), ...(spec.unpinned ?? []),
        ...Object.keys(spec.sources ?? {}), ...recipesOf(spec),
      ];
      for (const egg of names) assert.match(egg, DIST_NAME, `${name}@${line}: invalid distribution name ${egg}`);
      assert.equal(new Set(spec.eggs.map(norm)).size, spec.eggs.length, `${name}@${line}: duplicate eggs`);
    }
  });

  it('pins exact PEP 440 versions only', () => {
    for (const [name, line, spec] of specs()) {
      for (const [egg, version] of Object.entries(spec.pins)) {
        assert.match(version, EXACT_VERSION, `${name}@${line}: ${egg} = ${version} is not an exact version`);
      }
    }
  });

  it('never pins again what the line already pins', () => {
    for (const [name, line, spec] of specs()) {
      const released = new Set(RELEASE_PINS[line].eggs.map(norm));
      for (const egg of Object.keys(spec.pins)) {
        assert.ok(!released.has(norm(egg)), `${name}@${line}: ${egg} is pinned by the ${line} release`);
      }
      const pinned = new Set(Object.keys(spec.pins).map(norm));
      for (const egg of spec.pinnedByRelease ?? []) {
        assert.ok(released.has(norm(egg)), `${name}@${line}: ${egg} claimed release-pinned but not in RELEASE_PINS['${line}']`);
        assert.ok(!pinned.has(norm(egg)), `${name}@${line}: ${egg} both pinned and left to the release`);
      }
      if ((spec.pinnedByRelease ?? []).length > 0) {
        assert.ok(spec.note && /pin/i.test(spec.note), `${name}@${line}: release-pinned eggs need a note saying so`);
      }
    }
  });

  // allow-picked-versions = false stops on any egg nobody pins exactly: each egg and part recipe
  // of a spec, and each requirement it records, is pinned by the spec, left to a release that
  // really pins it, or named as unpinned with the reason in the note. Exactly one of the three.
  it('covers every egg, recipe and recorded requirement for allow-picked-versions = false', () => {
    for (const [name, line, spec] of specs()) {
      const released = new Set(RELEASE_PINS[line].eggs.map(norm));
      const pinned = Object.keys(spec.pins).map(norm);
      const byRelease = (spec.pinnedByRelease ?? []).map(norm);
      const unpinned = (spec.unpinned ?? []).map(norm);
      const recorded = [...spec.eggs, ...recipesOf(spec), ...pinned, ...byRelease, ...unpinned].map(norm);
      for (const egg of new Set(recorded)) {
        const ways = [pinned.includes(egg), byRelease.includes(egg) && released.has(egg), unpinned.includes(egg)].filter(Boolean);
        assert.equal(ways.length, 1, `${name}@${line}: ${egg} must be pinned exactly, pinned by the ${line} release, or named unpinned (${ways.length} of these)`);
      }
      if (unpinned.length > 0) {
        assert.ok(spec.note, `${name}@${line}: unpinned eggs need a note saying why`);
        for (const egg of spec.unpinned ?? []) {
          assert.ok(spec.note.includes(egg) || /could not|not verified|were not|unverified/i.test(spec.note), `${name}@${line}: the note does not say why ${egg} is unpinned`);
        }
      }
    }
  });

  it('lists zcml slugs only for eggs of the spec', () => {
    for (const [name, line, spec] of specs()) {
      const eggs = new Set(spec.eggs.map(norm));
      for (const slug of spec.zcml) assert.ok(eggs.has(norm(slug)), `${name}@${line}: zcml slug ${slug} is not an egg`);
    }
  });

  it('keeps parts, sources and system packages well-formed', () => {
    for (const [name, line, spec] of specs()) {
      for (const part of spec.parts ?? []) {
        assert.match(part.name, /^[A-Za-z0-9][A-Za-z0-9_-]*$/, `${name}@${line}: bad part name ${part.name}`);
      }
      for (const [src, value] of Object.entries(spec.sources ?? {})) {
        assert.match(value, /^git \S+( branch=\S+)?$/, `${name}@${line}: bad mr.developer source for ${src}`);
      }
      for (const pkg of spec.systemPackages ?? []) assert.match(pkg, DEB_NAME, `${name}@${line}: bad Debian package ${pkg}`);
    }
  });

  it('only names release pins of known lines, with a source', () => {
    for (const line of PLONE_LINES) {
      assert.ok(RELEASE_PINS[line].source.trim().length > 0);
      for (const egg of RELEASE_PINS[line].eggs) assert.match(egg, DIST_NAME);
    }
  });

  it('links successors to existing modules', () => {
    for (const [key, entry] of Object.entries(MODULES)) {
      if (entry.successorOf) assert.ok(MODULES[entry.successorOf], `${key}: successorOf ${entry.successorOf} unknown`);
    }
    assert.equal(MODULES.vscode?.successorOf, 'ploneide');
  });

  it('follows plone-facts.md on supported lines', () => {
    assert.deepEqual(supportedLines('getpaid'), ['4.3']);
    assert.deepEqual(supportedLines('cas'), ['4.3']);
    assert.deepEqual(supportedLines('ploneide'), ['4.3']);
    assert.deepEqual(supportedLines('vscode'), ['6.2', '6.1', '6.0', '5.2']);
    assert.deepEqual(supportedLines('mosaic'), ['6.2', '6.1', '6.0', '5.2']);
    assert.deepEqual(supportedLines('theming'), [...PLONE_LINES]);
    assert.deepEqual(supportedLines('exportimport'), [...PLONE_LINES]);
  });

  describe('moduleFor', () => {
    it('returns the spec of a supported line', () => {
      const spec = moduleFor('easyform', '6.2');
      assert.ok(spec && !isUnsupported(spec));
      assert.equal(spec.pins['collective.easyform'], '5.0.1');
    });

    it('reports the supported lines of an unsupported one', () => {
      const res = moduleFor('getpaid', '6.2');
      assert.ok(isUnsupported(res));
      assert.deepEqual(res.supportedLines, ['4.3']);
    });

    it('returns undefined for an unknown module', () => {
      assert.equal(moduleFor('no-such-module', '6.2'), undefined);
    });
  });
});

describe('development helpers catalog', () => {
  it('gives every line each helper once, pinned by the release or exactly by the project, never both', () => {
    for (const line of PLONE_LINES) {
      assert.deepEqual(DEV_HELPERS[line].map((h) => h.egg), [...DEV_HELPER_EGGS], line);
      const released = new Set(RELEASE_PINS[line].eggs.map(norm));
      for (const h of DEV_HELPERS[line]) {
        if (h.version === undefined) assert.ok(released.has(norm(h.egg)), `${line}: ${h.egg} has no pin and its release does not pin it`);
        else {
          assert.ok(!released.has(norm(h.egg)), `${line}: ${h.egg} is pinned by the ${line} release`);
          assert.match(h.version, EXACT_VERSION, `${line}: ${h.egg} = ${h.version}`);
        }
      }
    }
  });
});
