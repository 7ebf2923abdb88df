// Is a check finding true? Judged by what the real zc.buildout does with the same root: the
// resolution (per section, so a failure shows where it happens) under the rules the finding
// was made with, and for version-dependent findings both real versions.
import type { Finding } from '../../lib/buildout/check-model.js';
import type { RealOutcome } from './corpus.js';

export interface Judged { label: boolean; why: string }

const norm = (n: string): string => n.toLowerCase().replace(/[-_.]+/g, '-');
const lines = (v: string | undefined): string[] => (v ?? '').split('\n').map((l) => l.trim()).filter((l) => l);

function pinOf(r: RealOutcome, egg: string): string | undefined {
  const versionsName = r.sections?.['buildout']?.['versions'] ?? 'versions';
  const versions = r.sections?.[versionsName] ?? {};
  const key = Object.keys(versions).find((k) => norm(k) === norm(egg));
  return key === undefined ? undefined : versions[key];
}

/** `r` is the real resolution under the finding's rules; `r213` and `r52` are both versions'. */
export function judge(f: Finding, r: RealOutcome, r213: RealOutcome, r52: RealOutcome): Judged {
  const m = f.message;
  const section = /^\[([^\]]+)\]/.exec(m)?.[1] ?? '';
  switch (f.code) {
    case 'parse-error':
    case 'load-error':
    case 'missing-extends':
      return r.ok ? { label: false, why: 'the real buildout loads this root' } : { label: true, why: `the real buildout fails: ${r.kind}` };
    case 'undefined-part': {
      if (m.startsWith('[buildout] has no parts')) return !r.ok && /parts/.test(r.message ?? '') ? { label: true, why: `the real buildout fails: ${r.message}` } : { label: false, why: 'real [buildout] has parts' };
      const part = /^part (\S+)/.exec(m)?.[1] ?? '';
      const err = r.errors?.[''] ?? '';
      if (err.includes(`'${part}'`)) return { label: true, why: `real install fails: ${err.slice(0, 120)}` };
      // install stopped earlier, or not at all: the part is in the real parts, and no section of that name exists
      const undefinedThere = r.ok && (r.parts ?? []).includes(part) && !(part in (r.sections ?? {})) && !(part in (r.errors ?? {}));
      return undefinedThere ? { label: true, why: 'a real part with no section: install stops there' } : { label: false, why: 'real parts resolve' };
    }
    case 'part-without-recipe': {
      const part = /^part (\S+)/.exec(m)?.[1] ?? '';
      const s = r.sections?.[part];
      return s && !('recipe' in s) ? { label: true, why: 'the resolved part has no recipe' } : { label: false, why: 'the resolved part has a recipe' };
    }
    case 'unresolved-reference':
    case 'invalid-reference':
    case 'circular-reference':
    case 'macro-error': {
      const fails = r.errors?.[section];
      if (f.severity === 'info') return fails ? { label: true, why: `[${section}] fails when read: ${fails.slice(0, 100)}` } : { label: false, why: `[${section}] resolves` };
      return fails && r.errors?.[''] ? { label: true, why: `install fails: ${r.errors[''].slice(0, 100)}` } : { label: false, why: fails ? 'the section fails but install does not read it' : `[${section}] resolves` };
    }
    case 'discarded-values': {
      const mm = /^\[([^\]]+)\] (\S+) = here discards (.*?), set by /.exec(m);
      if (!mm) return { label: false, why: 'unparsed message' };
      const value = r.sections?.[mm[1] as string]?.[mm[2] as string];
      if (value === undefined) return { label: false, why: 'no resolved value to judge by' };
      const have = new Set(lines(value));
      const gone = (mm[3] as string).split(' ').filter((l) => !l.includes('${'));
      return gone.every((l) => !have.has(l)) ? { label: true, why: 'the real value lacks every discarded line' } : { label: false, why: 'a discarded line is in the real value' };
    }
    case 'pin-conflict': {
      const mm = /^(\S+) is pinned to (.*) here and to (.*) at /.exec(m);
      if (!mm) return { label: false, why: 'unparsed message' };
      const pin = pinOf(r, mm[1] as string);
      return pin !== undefined && pin !== mm[3] ? { label: true, why: `the real pin is ${pin}, not the earlier ${mm[3]}` } : { label: false, why: 'the earlier pin survives' };
    }
    case 'version-dependent': {
      const mm = /^\[([^\]]+)\] (\S+) is /.exec(m);
      if (!mm) return r213.ok !== r52.ok ? { label: true, why: 'one real version fails, the other not' } : { label: false, why: 'both real versions load alike' };
      const a = r213.sections?.[mm[1] as string]?.[mm[2] as string];
      const b = r52.sections?.[mm[1] as string]?.[mm[2] as string];
      return a !== b ? { label: true, why: 'real 2.13 and 5.2 give different values' } : { label: false, why: 'real 2.13 and 5.2 agree' };
    }
    case 'duplicate-egg': {
      const eggs = lines(r.sections?.[section]?.['eggs']).map((l) => norm(/^[A-Za-z0-9._-]+/.exec(l)?.[0] ?? l));
      return eggs.length !== new Set(eggs).size ? { label: true, why: 'the real eggs list a name twice' } : { label: false, why: 'no duplicate in the real eggs' };
    }
    case 'port-conflict': {
      const mm = /^port (\d+).* \[ports\] (\S+) and (\S+)$/.exec(m);
      const ports = r.sections?.['ports'] ?? {};
      return mm && ports[mm[2] as string]?.trim() === ports[mm[3] as string]?.trim() ? { label: true, why: 'the real ports are equal' } : { label: false, why: 'the real ports differ' };
    }
    case 'picked-version': {
      if (r.sections?.['buildout']?.['allow-picked-versions'] !== 'false') return { label: false, why: 'real allow-picked-versions is not false' };
      const egg = /^\[[^\]]+\] (\S+) = /.exec(m)?.[1] ?? /^(\S+) \(/.exec(m)?.[1] ?? '';
      const pin = pinOf(r, egg)?.trim();
      return !pin || pin.startsWith('<') || pin.startsWith('>') ? { label: true, why: `real pin: ${pin ?? 'none'}` } : { label: false, why: `real pin ${pin} is exact` };
    }
    case 'stack-level-conflict':
      // our own layout's rule (one component per stack level): real buildout can only show both files are read
      return r.ok ? { label: true, why: 'the real buildout reads the profile with both components' } : { label: false, why: 'the real buildout fails to load it' };
    default:
      return { label: false, why: `no judge for ${f.code}` };
  }
}
