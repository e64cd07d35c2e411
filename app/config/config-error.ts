/**
 * Configuration problems found at start-up, all of them at once: an operator who fixes one
 * variable should not have to restart to learn about the next.
 */
import { ConfigError as EngineConfigError } from '../../engine/errors.js';

/** What can be wrong with one variable. */
export type ConfigProblemCode =
  | 'CONFIG_NOT_A_NUMBER'
  | 'CONFIG_OUT_OF_RANGE'
  | 'CONFIG_NOT_A_BOOLEAN'
  | 'CONFIG_NOT_ONE_OF'
  | 'CONFIG_NOT_A_URL'
  | 'CONFIG_BAD_LIST'
  | 'CONFIG_BAD_DURATION'
  | 'CONFIG_BAD_KEY'
  | 'CONFIG_MISSING';

/** The error's code: the one problem's, or CONFIG_INVALID when there are several. */
export type ConfigErrorCode = ConfigProblemCode | 'CONFIG_INVALID';

/** One variable's problem. */
export interface ConfigProblem {
  code: ConfigProblemCode;
  /** The variable's name, e.g. PARLEY_TICK_MS. */
  variable: string;
  /** The value as set, or undefined for a secret (never echoed) or a missing variable. */
  value?: string;
  /** One sentence: the variable, what is wrong with the value and how to fix it. */
  message: string;
}

/**
 * Start-up configuration that cannot be used. A subclass of the engine's ConfigError, so
 * whatever catches that (the `npm start` entry point) catches this too.
 */
export class ConfigError extends EngineConfigError<ConfigErrorCode> {
  readonly problems: readonly ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(
      problems.length === 1
        ? problems[0].message
        : `${problems.length} configuration problems:\n${problems.map((p) => `- ${p.message}`).join('\n')}`,
      problems.length === 1 ? problems[0].code : 'CONFIG_INVALID',
    );
    this.problems = Object.freeze(problems.map((p) => Object.freeze({ ...p })));
  }

  /** Plain data for logs and JSON answers (an Error's own message is not enumerable). */
  toJSON(): { name: string; code: ConfigErrorCode; message: string; problems: readonly ConfigProblem[] } {
    return { name: this.name, code: this.code, message: this.message, problems: this.problems };
  }
}
