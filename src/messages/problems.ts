/**
 * The codes of every problem a user can cause: a scenario or catalog file that cannot be read
 * or meant, or a command-line option that does not fit it. A problem is data — code, field
 * path, line and column, message — never an exception; the code is typed (ProblemCode), so a
 * code that is not listed here does not compile. Messages follow the notes' voice (a lowercase
 * clause: what is wrong, what was expected, the fix), and numbers in them come from
 * src/format.ts.
 */

export const PROBLEM = {
  /** The file is not YAML/JSON, or uses what a scenario refuses (duplicate keys, tags, aliases, depth). */
  syntax: 'syntax',
  /** A key the format does not have (with a did-you-mean hint). */
  unknownKey: 'unknown_key',
  /** A required field is missing. */
  required: 'required',
  /** A value of the wrong shape: a list where a mapping goes, a string where a number goes. */
  wrongType: 'wrong_type',
  /** A value that cannot be read: a unit, a word, a formula, a token source. */
  invalidValue: 'invalid_value',
  /** A number outside its field's bounds (docs/fields.md gives each bound and why). */
  outOfRange: 'out_of_range',
  /** A name that is not known: a catalog id, a strategy kind, a var. */
  unknownId: 'unknown_id',
  /** Fields that contradict each other (overlap ≥ chunk size, retraining faster than the job). */
  inconsistent: 'inconsistent',
  /** A file or folder that cannot be read, lies outside the scenario's folder, or holds nothing usable. */
  file: 'file',
  /** Arithmetic past float64: the inputs give no finite cost or latency. */
  overflow: 'overflow',
  /** A command-line option that does not fit this file (--strategy naming none of its strategies). */
  usage: 'usage',
  /** A bug in costsim, reported against the file so the batch goes on. */
  internal: 'internal',
} as const;

export type ProblemCode = (typeof PROBLEM)[keyof typeof PROBLEM];

/** A problem in one file: `path` is the field path ("" for the whole file). */
export interface Problem {
  code: ProblemCode;
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export const problem = (code: ProblemCode, path: string, message: string): Problem => ({ code, path, message });
