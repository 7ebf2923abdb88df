// Random buildouts for the differential suites: multi-file profiles, and a pool of files many
// roots extend. Seeded, so a failure can be reproduced.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One folder of files extending each other (cycles allowed, so some roots hit a recursive
 * include; one file with conditional headers), and `n` roots each extending some of them.
 */
export function sharedPool(n: number): { dir: string; roots: string[] } {
  let seed = 11;
  const r = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const dir = mkdtempSync(join(tmpdir(), 'pf-pool-'));
  mkdirSync(join(dir, 'sub'));
  const pool = ['p0.cfg', 'p1.cfg', 'p2.cfg', 'sub/p3.cfg', 'sub/p4.cfg', 'p5.cfg'];
  const rel = (from: string, to: string): string => (from.startsWith('sub/') ? (to.startsWith('sub/') ? to.slice(4) : '../' + to) : to);
  const body = (): string => {
    let text = '';
    for (let j = Math.floor(r() * 3) + 1; j > 0; j--) {
      text += `\n[${pick(['s1', 's2', 'm', 'versions'])}]\n`;
      for (let k = Math.floor(r() * 3) + 1; k > 0; k--) text += `${pick(['x', 'y', 'eggs'])} ${pick(['=', '+=', '-='])} ${pick(['v1', 'v2', '${s1:x}', '${m:y}', 'w'])}\n`;
    }
    return text;
  };
  pool.forEach((f, fi) => {
    // mostly later files (a chain), now and then an earlier one (a cycle)
    const ext = pool.filter((g, gi) => g !== f && r() < (gi > fi ? 0.35 : 0.06)).map((g) => rel(f, g));
    let text = ext.length ? `[buildout]\nextends = ${ext.join(' ')}\n` : '';
    if (f === 'p5.cfg') text += '\n[s1]\nx = base\n\n[m]\ny = m\neggs = e\n';
    if (f === 'p2.cfg') text += '\n[s2:linux]\nx = on-linux\n\n[s2:windows]\nx = on-windows\n';
    writeFileSync(join(dir, f), text + body());
  });
  const roots: string[] = [];
  for (let i = 0; i < n; i++) {
    const ext = pool.filter(() => r() < 0.4);
    const root = join(dir, `root${i}.cfg`);
    writeFileSync(root, `[buildout]\nextends = ${(ext.length ? ext : ['p5.cfg']).join(' ')}\nparts =\n${body()}`);
    roots.push(root);
  }
  return { dir, roots };
}

/**
 * Random projects: up to four files extending each other (acyclic), with =, +=, -=, <= and
 * references; with `optionalExtends`, some files also name later files (or a missing one) in
 * `optional-extends` (3.2+).
 */
export function generatedProjects(n: number, optionalExtends = false, seedIn = 7): string[] {
  let seed = seedIn;
  const r = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const files = ['buildout.cfg', 'a.cfg', 'sub/b.cfg', 'c.cfg'];
  const sections = ['buildout', 's1', 's2', 'm', 'versions'];
  const keys = ['x', 'y', 'eggs', 'eggs+', 'parts'];
  const ops = ['=', '=', '+=', '-=', ' +=', '-='];
  const values = ['v1', 'v2', 'v1\n    v2', '', '${s1:x}', '${:y}', '${m:eggs}', 'p1', '${buildout:directory}/z', '$${s1:x}'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'pf-gen-'));
    mkdirSync(join(dir, 'sub'));
    files.forEach((f, fi) => {
      let later = files.slice(fi + 1).filter(() => r() < 0.5).map((g) => (f.startsWith('sub/') ? (g.startsWith('sub/') ? g.slice(4) : '../' + g) : g));
      if (fi === 0 && r() < 0.85) later = ['c.cfg', ...later.filter((g) => g !== 'c.cfg')];
      let text = later.length || r() < 0.5 ? `[buildout]\n${later.length ? `extends = ${later.join(' ')}\n` : ''}` : '';
      if (optionalExtends && fi < 3 && r() < 0.5) {
        // existence is tested from the root's folder, the file opened from this one's: sub/ differs
        const opt = [...files.slice(fi + 1).filter(() => r() < 0.5), ...(r() < 0.3 ? ['missing.cfg'] : [])]
          .map((g) => (f.startsWith('sub/') && r() < 0.5 ? (g.startsWith('sub/') ? g.slice(4) : '../' + g) : g));
        if (opt.length) text = (text || '[buildout]\n') + `optional-extends = ${opt.join(' ')}\n`;
      }
      if (f === 'c.cfg') text += '\n[s1]\nx = base\ny = b\n\n[m]\neggs = e\ny = m\n\n[s2]\nx = s2\ny = s\n';
      if (fi === 0) text = text || '[buildout]\n';
      if (fi === 0 && r() < 0.8) text += 'parts =' + (r() < 0.3 ? ' p1' : '') + '\n';
      const count = Math.floor(r() * 5);
      for (let j = 0; j < count; j++) {
        const section = pick(sections);
        text += `\n[${section}]\n`;
        if (section === 's2' && r() < 0.4) text += '<= m\n';
        const opts = Math.floor(r() * 3) + 1;
        for (let k = 0; k < opts; k++) {
          const key = pick(keys);
          const op = pick(ops);
          text += `${key}${op.startsWith(' ') ? op : ` ${op}`} ${pick(values)}\n`.replace(/ \n$/, '\n');
        }
      }
      if (fi === 0 && r() < 0.3) text += '\n[p1]\nrecipe = r\nv = ${s2:x}\n';
      writeFileSync(join(dir, f), text);
    });
    out.push(dir);
  }
  return out;
}

