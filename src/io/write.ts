/**
 * The only writer of output files. Every file is written atomically: to a temporary file in
 * the same folder, then renamed over the target, so a killed run leaves whole files or none.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface OutputFile {
  /** Path relative to the output root (posix separators). */
  path: string;
  data: string | Uint8Array;
}

let counter = 0;

export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${counter++}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Writes files under `root`; refuses a relative path that would leave it. */
export function writeOutputs(root: string, files: OutputFile[]): string[] {
  const base = path.resolve(root);
  const written: string[] = [];
  for (const file of files) {
    const target = path.resolve(base, file.path);
    if (target !== base && !target.startsWith(base + path.sep)) {
      throw new Error(`refusing to write ${file.path}: outside the output folder ${root}`);
    }
    writeFileAtomic(target, file.data);
    written.push(target);
  }
  return written;
}
