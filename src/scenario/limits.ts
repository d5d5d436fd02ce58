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
import { problem, problemText, type Problem } from '../messages/problems.js';
import { formatPath, type LocateOptions, type PathSegment, type SourcePosition } from './source-map.js';

export const MAX_SCENARIO_BYTES = 10_000_000;
const MAX_KEY_CHARS = 200;
const MAX_ID_CHARS = 200;
const MAX_DESCRIPTION_CHARS = 10_000;
const MAX_TEXT_CHARS = 4_096;

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

/**
 * Problems for keys and strings over their limit, and for the key `__proto__`, in document order. The data has already
 * passed the depth limit of source-map.ts, so the recursion here is shallow.
 */
export function sizeProblems(
  data: unknown,
  locate: (path: readonly PathSegment[], options?: LocateOptions) => SourcePosition | undefined = () => undefined,
): Problem[] {
  const problems: Problem[] = [];
  const walk = (value: unknown, path: PathSegment[]): void => {
    if (typeof value === 'string') {
      const max = maxChars(path);
      if (max !== null && value.length > max) {
        problems.push(problem(formatPath(path), problemText.textTooLong(value.length, max), locate(path)));
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
        problems.push(problem(formatPath([...path, key]), problemText.reservedKey(), locate([...path, key], { key: true })));
        continue;
      }
      if (key.length > MAX_KEY_CHARS) {
        // The key itself is not repeated in the path: the problem would print it whole.
        const at = locate([...path, key], { key: true });
        problems.push(problem(formatPath([...path, `${key.slice(0, 40)}…`]), problemText.keyTooLong(key.length, MAX_KEY_CHARS), at));
        continue;
      }
      walk(item, [...path, key]);
    }
  };
  walk(data, []);
  return problems;
}
