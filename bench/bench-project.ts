// The project the resolve benchmark works on: a generated factory (the app's own plan, written
// without Yeoman) plus 10 add-on modules' worth of fragments, written here by hand, each
// extended by every profile after profiles/etc/project.cfg, as the module generator will do.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addExtends } from '../lib/buildout/edit.js';
import { parse } from '../lib/buildout/parse.js';
import { serialize } from '../lib/buildout/serialize.js';
import { answersWith, writeProject } from '../test/support/project.js';

export const PROFILES = ['development', 'standalone', 'preproduction', 'production'] as const;
export const MODULE_COUNT = 10;

function moduleFragment(i: number): string {
  const egg = `collective.bench${i}`;
  return [
    `# Module bench${i}: eggs, zcml and pins, nothing else.`,
    '[project-settings]',
    'eggs +=',
    `    ${egg}`,
    `    ${egg}.extra`,
    'zcml +=',
    `    ${egg}`,
    '',
    '[versions]',
    `${egg} = 1.${i}.0`,
    `${egg}.extra = 2.0.${i}`,
    '',
  ].join('\n');
}

/** Writes the project into `dir`; returns one root config per profile (beside buildout.cfg, as buildout.cfg would extend it). */
export function writeBenchProject(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const answers = answersWith({ name: 'bench' });
  writeProject(answers, dir);
  // What the app records of its Plone line: check knows the project as one of ours by it (its
  // git-ignored secrets.cfg is then given to every clone, not a missing extends).
  writeFileSync(join(dir, '.yo-rc.json'), `${JSON.stringify({ 'generator-plonefactory': { plone: answers.plone } }, null, 2)}\n`);
  mkdirSync(join(dir, 'profiles', 'modules'), { recursive: true });
  for (let i = 1; i <= MODULE_COUNT; i++) writeFileSync(join(dir, 'profiles', 'modules', `bench${i}.cfg`), moduleFragment(i));
  return PROFILES.map((p) => {
    const file = join(dir, 'profiles', `${p}.cfg`);
    let doc = parse(readFileSync(file, 'utf8'), file);
    for (let i = 1; i <= MODULE_COUNT; i++) doc = addExtends(doc, `modules/bench${i}.cfg`);
    writeFileSync(file, serialize(doc));
    const root = join(dir, `.bench-${p}.cfg`);
    writeFileSync(root, `[buildout]\nextends = profiles/${p}.cfg\n`);
    return root;
  });
}
