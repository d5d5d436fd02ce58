/**
 * Expands the paths a user gives `run` and `validate`: files as they are, folders to the
 * scenario files directly inside them (*.yaml, *.yml, *.json; not recursive, so a corpus
 * folder beside the scenarios is never mistaken for one), and globs.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { problemText, type ProblemText } from '../messages/problems.js';

const SCENARIO_EXTENSIONS = ['.yaml', '.yml', '.json'];

export interface Expanded {
  files: string[];
  /** Paths that matched nothing: each is a failed input. */
  missing: { path: string; text: ProblemText }[];
}

const isScenarioFile = (f: string) => SCENARIO_EXTENSIONS.includes(path.extname(f).toLowerCase());

export function expandPaths(inputs: string[]): Expanded {
  const files: string[] = [];
  const missing: Expanded['missing'] = [];
  for (const input of inputs) {
    let stat;
    try {
      stat = statSync(input);
    } catch {
      stat = null;
    }
    if (stat?.isFile()) files.push(input);
    else if (stat?.isDirectory()) {
      const found = globSync(['*.yaml', '*.yml', '*.json'], { cwd: input, onlyFiles: true, expandDirectories: false })
        .sort()
        .map((f) => path.join(input, f));
      if (found.length === 0) missing.push({ path: input, text: problemText.noScenarioFilesIn(input) });
      files.push(...found);
    } else if (isDynamicPattern(input)) {
      const found = globSync(input, { onlyFiles: true, expandDirectories: false }).filter(isScenarioFile).sort();
      if (found.length === 0) missing.push({ path: input, text: problemText.noScenarioFilesMatch(input) });
      files.push(...found);
    } else {
      missing.push({ path: input, text: problemText.noSuchFileOrFolder(input) });
    }
  }
  return { files: [...new Set(files)], missing };
}
