/**
 * Sizes a scenario file may have (issue 13, "Sizes and depths"). Each limit is far above any
 * real scenario and far below what costs seconds or a stack overflow; beyond it the file gets
 * a problem with its path (and so its line and column), never a crash.
 *
 * | limit                         | value   | why |
 * |-------------------------------|---------|-----|
 * | file size                     | 10 MB   | the bundled scenarios are under 3 KB; long text belongs in a `file:` |
 * | nesting (mappings and lists)  | 64      | the deepest field is 6 levels down (strategies.x.models.generator.long_context.*); a recursive reader overflowed its stack near 2,000 |
 * | a key                         | 200     | strategy ids and var names are words; a key is echoed in every problem about it |
 * | a name or an id               | 200     | catalog ids are under 80 characters; a name is a chart title |
 * | a description                 | 10,000  | a paragraph or a page |
 * | any other text (paths, globs, formulas, values) | 4,096 | PATH_MAX on Linux; a formula of 4,096 characters is already unreadable |
 * | inline `text:`                | the file size | it is the prompt or corpus itself |
 */
import { formatPath, type LocateOptions, type PathSegment, type SourcePosition, type SourceProblem } from './source-map.js';

export const MAX_SCENARIO_BYTES = 10_000_000;
export const MAX_KEY_CHARS = 200;
export const MAX_ID_CHARS = 200;
export const MAX_DESCRIPTION_CHARS = 10_000;
export const MAX_TEXT_CHARS = 4_096;

/** The longest a string at `path` may be, or null when only the file size limits it. */
function maxChars(path: readonly PathSegment[]): number | null {
  const last = path[path.length - 1];
  if (last === 'text') return null;
  if (last === 'description') return MAX_DESCRIPTION_CHARS;
  if (last === 'name' || last === 'id') return MAX_ID_CHARS;
  // A catalog id written directly: models.generator: gpt-4.1, retrieval.vector_store: pinecone.
  const parent = path[path.length - 2];
  if (parent === 'models' || last === 'vector_store') return MAX_ID_CHARS;
  return MAX_TEXT_CHARS;
}

const count = (n: number) => n.toLocaleString('en-US');

export const limitMessages = {
  fileTooLarge: (bytes: number) =>
    `the file is ${count(bytes)} bytes; a scenario file is at most ${count(MAX_SCENARIO_BYTES)} bytes (put long text in a file and refer to it with { file: path })`,
  reservedKey: '"__proto__" cannot be a key in a scenario file (JavaScript reserves it); choose another name',
  keyTooLong: (chars: number) => `this key is ${count(chars)} characters long; a key is at most ${count(MAX_KEY_CHARS)}`,
  textTooLong: (chars: number, max: number) => `this text is ${count(chars)} characters long; here at most ${count(max)} are allowed`,
} as const;

/**
 * Problems for keys and strings over their limit, and for the key `__proto__`, in document order. The data has already
 * passed the depth limit of source-map.ts, so the recursion here is shallow.
 */
export function sizeProblems(
  data: unknown,
  locate: (path: readonly PathSegment[], options?: LocateOptions) => SourcePosition | undefined = () => undefined,
): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const walk = (value: unknown, path: PathSegment[]): void => {
    if (typeof value === 'string') {
      const max = maxChars(path);
      if (max !== null && value.length > max) {
        problems.push({ path: formatPath(path), ...locate(path), message: limitMessages.textTooLong(value.length, max) });
      }
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i]));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, item] of Object.entries(value)) {
      if (key === '__proto__') {
        // JSON.parse and --set make it an own key, but most readers would drop it silently.
        problems.push({ path: formatPath([...path, key]), ...locate([...path, key], { key: true }), message: limitMessages.reservedKey });
        continue;
      }
      if (key.length > MAX_KEY_CHARS) {
        // The key itself is not repeated in the path: the problem would print it whole.
        const at = locate([...path, key], { key: true });
        problems.push({ path: formatPath([...path, `${key.slice(0, 40)}…`]), ...at, message: limitMessages.keyTooLong(key.length) });
        continue;
      }
      walk(item, [...path, key]);
    }
  };
  walk(data, []);
  return problems;
}
