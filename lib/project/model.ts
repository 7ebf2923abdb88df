// The project model: what a project is (its stored state) and what a plan is, as types only.
// The bottom layer: at run time it imports nothing of the package (only the types of the
// answers and the secrets, which the compiler erases), so every other module can import it
// without a cycle (lib/project, lib/modules, lib/profiles, lib/stack, lib/generator).
import type { Answers } from './answers.js';
import type { Secrets } from './secrets.js';

/** A module that is an egg of the user's, not a catalog entry (`module collective.foo --pin 1.2`). */
export interface CustomModule {
  egg: string;
  pin?: string;
  zcml: boolean;
}

/** A profile beyond the base four: the known jenkins one, or a custom one extending another. */
export type ProfileSpec = { kind: 'jenkins' } | { kind: 'custom'; from: string; portBase: number };

export interface ProjectExtras {
  customModules: Record<string, CustomModule>;
  profiles: Record<string, ProfileSpec>;
}

export interface PlannedFile {
  path: string;
  content: string;
  mode?: number;
}

export interface PlanInput {
  answers: Answers;
  secrets: Secrets;
  /** Eggs of the user's added as modules, by module name (the rest come from the catalog). */
  customModules?: Readonly<Record<string, CustomModule>>;
  /** Profiles beyond the base four, by name. */
  profiles?: Readonly<Record<string, ProfileSpec>>;
}

/** The whole stored project, as sub-generators load it. */
export type ProjectState = PlanInput & ProjectExtras;
