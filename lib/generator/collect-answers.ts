// Where each answer comes from, in order: CLI option, .yo-rc.json, --defaults, a prompt.
// Everything is validated before a prompt is shown or a file is written.
import {
  ANSWER_KEYS, ANSWER_SPECS, AnswerError, checkCombination, validateAnswers,
  type AnswerContext, type AnswerKey, type Answers,
} from '../project/answers.js';
import type { Question } from '../commands/command.js';

export interface AnswerSources {
  /** Options as the generator received them (CLI or programmatic). */
  options: Record<string, unknown>;
  /** What .yo-rc.json holds for this generator. */
  stored: Record<string, unknown>;
  useDefaults: boolean;
  ctx: AnswerContext;
}

export interface Collected {
  answers: Partial<Answers>;
  missing: AnswerKey[];
}

const camel = (option: string): string => option.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function given(options: Record<string, unknown>, option: string): unknown {
  const value = options[option] ?? options[camel(option)];
  return value === undefined || value === null ? undefined : value;
}

export function collectAnswers(src: AnswerSources): Collected {
  const answers: Partial<Record<AnswerKey, unknown>> = {};
  const missing: AnswerKey[] = [];
  for (const key of ANSWER_KEYS) {
    const spec = ANSWER_SPECS[key];
    const cli = given(src.options, spec.option);
    if (cli !== undefined) {
      answers[key] = spec.parse(cli, src.ctx);
    } else if (src.stored[key] !== undefined) {
      try {
        answers[key] = spec.parse(src.stored[key], src.ctx);
      } catch (e) {
        throw new AnswerError(`.yo-rc.json: ${(e as Error).message} (fix or remove the stored "${key}")`);
      }
    } else if (src.useDefaults || key === 'modules' || spec.asked === false) {
      answers[key] = spec.parse(spec.default(src.ctx), src.ctx);
    } else {
      missing.push(key);
    }
  }
  return { answers: answers as Partial<Answers>, missing };
}

export function completeAnswers(answers: Partial<Answers>): Answers {
  const missing = ANSWER_KEYS.filter((k) => answers[k] === undefined);
  if (missing.length) throw new Error(`internal: unanswered ${missing.join(', ')}`);
  return validateAnswers(answers as Answers);
}

export function noTerminalError(missing: readonly AnswerKey[]): AnswerError {
  const flags = missing.map((k) => `--${ANSWER_SPECS[k].option}`).join(', ');
  return new AnswerError(`no terminal to ask on: pass ${flags} (or --defaults to take every default)`);
}

/**
 * The questions for the answers still missing, from the same table as the options. Each
 * answer is checked as it is typed, against the answers given before it (a port base that
 * is too high for the clients already chosen is refused at its prompt, not after the last).
 */
export function answerQuestions(missing: readonly AnswerKey[], ctx: AnswerContext, known: Partial<Answers>): Question[] {
  const soFar = (answers: Record<string, unknown> | undefined): Partial<Answers> => {
    const out: Partial<Record<AnswerKey, unknown>> = { ...known };
    for (const key of missing) {
      if (answers?.[key] === undefined) continue;
      try {
        out[key] = ANSWER_SPECS[key].parse(answers[key], ctx);
      } catch {
        // an earlier answer that does not parse was refused at its own prompt
      }
    }
    return out as Partial<Answers>;
  };
  return missing.map((key): Question => {
    const spec = ANSWER_SPECS[key];
    const choices = spec.choices?.(ctx);
    const base = { name: key, message: spec.description, default: String(spec.default(ctx)) };
    if (choices) return { ...base, type: 'select', choices: [...choices] };
    return {
      ...base,
      type: 'input',
      validate: (raw, answers) => {
        try {
          checkCombination({ ...soFar(answers), [key]: spec.parse(raw, ctx) });
          return true;
        } catch (e) {
          return (e as Error).message;
        }
      },
    };
  });
}
