/**
 * The only writer of output files.
 *
 * A single file (`costsim init`) is written atomically: to a temporary file in the same folder,
 * then renamed over the target, so a killed run leaves the whole file or none.
 *
 * An output folder (`costsim run --out DIR`) is replaced as a whole: the run writes into a fresh
 * sibling folder `.DIR.costsim-new-<pid>-<random>`, scenario by scenario as each one is done, and
 * only when everything is written swaps it into place (DIR → `.DIR.costsim-old-…`, new → DIR,
 * then the old one is removed). After a kill -9, DIR holds the old run whole or the new run
 * whole, never a mix. The one gap is the instant between the two renames (Node has no atomic
 * exchange of two folders): a kill there leaves DIR missing with the old run beside it, and the
 * next run puts it back before doing anything else. Every run also removes the temporary
 * folders that killed runs left behind (those whose process is gone).
 *
 * Every I/O error names the file and the real cause ("read-only", "disk full", …), never a
 * bare errno and syscall.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface OutputFile {
  /** Path relative to the output root (posix separators). */
  path: string;
  data: string | Uint8Array;
}

/** An I/O failure with the file and a cause a person can act on (`message` says both). */
export class OutputError extends Error {
  constructor(
    readonly file: string,
    readonly cause_: string,
  ) {
    super(`${file}: ${cause_}`);
  }
}

/** What an errno means for someone writing files; unknown codes keep the system's text. */
const CAUSES: Readonly<Record<string, string>> = {
  EROFS: 'read-only file system',
  EACCES: 'permission denied (the folder is read-only for this user)',
  EPERM: 'operation not permitted (read-only or protected)',
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder is in the way of the file',
  ENAMETOOLONG: 'the name is too long for the file system',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENOENT: 'no such file or folder',
  EEXIST: 'already exists',
  ENOTEMPTY: 'the folder is not empty',
  EBUSY: 'busy (in use by another process)',
  EIO: 'input/output error (the disk or the file system failed)',
  EXDEV: 'a temporary folder and its target are on different file systems',
};

export function describeIoError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && CAUSES[e.code] !== undefined) return `${CAUSES[e.code]} (${e.code})`;
  return e instanceof Error ? e.message : String(err);
}

/** Runs one file-system operation; a failure becomes an OutputError naming `file`. */
function io<T>(file: string, op: () => T): T {
  try {
    return op();
  } catch (err) {
    if (err instanceof OutputError) throw err;
    throw new OutputError(file, describeIoError(err));
  }
}

let counter = 0;

export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  io(path.dirname(target), () => mkdirSync(path.dirname(target), { recursive: true }));
  const tmp = `${target}.${process.pid}.${counter++}.tmp`;
  try {
    io(target, () => writeFileSync(tmp, data));
    io(target, () => renameSync(tmp, target));
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Resolves `rel` under `base`; refuses a relative path that would leave it. */
function inside(base: string, rel: string): string {
  const target = path.resolve(base, rel);
  if (target === base || !target.startsWith(base + path.sep)) throw new OutputError(rel, `refusing to write outside the output folder ${base}`);
  return target;
}

/**
 * Writes files under `dir` (a folder nobody else sees yet, such as a run's temporary folder):
 * plain writes, no per-file renames. Returns how many files were written.
 */
export function writeFilesInto(dir: string, files: readonly OutputFile[]): number {
  const base = path.resolve(dir);
  const made = new Set<string>();
  for (const file of files) {
    const target = inside(base, file.path);
    const parent = path.dirname(target);
    if (!made.has(parent)) {
      io(parent, () => mkdirSync(parent, { recursive: true }));
      made.add(parent);
    }
    io(target, () => writeFileSync(target, file.data));
  }
  return files.length;
}

/** Writes files under `root`, each atomically; refuses a relative path that would leave it. */
export function writeOutputs(root: string, files: OutputFile[]): string[] {
  const base = path.resolve(root);
  const written: string[] = [];
  for (const file of files) {
    const target = inside(base, file.path);
    writeFileAtomic(target, file.data);
    written.push(target);
  }
  return written;
}

/** Names in a scenario folder of a costsim run (docs/model.md §13); anything else is not ours. */
const SCENARIO_ENTRIES = new Set(['projection.json', 'summary.md', 'costs.csv', 'line-items.csv', 'report.html', 'charts']);
/** v0.1's per-file temporary names: `<file>.<pid>.<n>.tmp`. */
const LEGACY_TMP = /\.\d+\.\d+\.tmp$/;

/**
 * Why `dir` is not a folder a costsim run may replace, or null when it may: it is empty, or holds
 * only a batch summary, its `charts/`, scenario folders and leftover temporary files. Replacing a
 * folder deletes what is in it, so a folder holding anything else (a scenario file, notes, `--out .`)
 * is refused rather than wiped.
 */
export function foreignEntry(dir: string): string | null {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const name = entry.name;
    if (LEGACY_TMP.test(name)) continue;
    if (entry.isFile() && name === 'summary.md') continue;
    if (entry.isDirectory() && name === 'charts') continue;
    if (entry.isDirectory()) {
      const inner = readdirSync(path.join(dir, name)).find((n) => !SCENARIO_ENTRIES.has(n) && !LEGACY_TMP.test(n));
      if (inner === undefined) continue;
      return `${name}/${inner}`;
    }
    return name;
  }
  return null;
}

const alive = (pid: number): boolean => {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One run's output folder: opened before the batch (clears what killed runs left, checks the
 * target), written scenario by scenario into `temp`, and swapped into place by `commit`.
 */
export class OutputRun {
  /** The folder this run writes into; becomes `root` on commit. */
  readonly temp: string;
  readonly root: string;
  private written = 0;

  private constructor(root: string, temp: string) {
    this.root = root;
    this.temp = temp;
  }

  /** Throws OutputError (the file and the cause) when the folder cannot be used. */
  static open(root: string): OutputRun {
    const target = path.resolve(root);
    const parent = path.dirname(target);
    const name = path.basename(target);
    if (target === parent) throw new OutputError(target, 'refusing to replace the root of the file system');
    if (existsSync(parent) && !statSync(parent).isDirectory()) throw new OutputError(parent, 'is a file, not a folder');
    io(parent, () => mkdirSync(parent, { recursive: true }));
    recoverLeftovers(parent, name, target);
    if (existsSync(target)) {
      const st = io(target, () => statSync(target));
      if (!st.isDirectory()) throw new OutputError(target, 'exists and is a file, not a folder');
      const foreign = io(target, () => foreignEntry(target));
      if (foreign !== null) {
        throw new OutputError(
          target,
          `holds ${foreign}, which costsim did not write; a run replaces the whole folder, so give a new or empty folder (or move that away)`,
        );
      }
    }
    const temp = path.join(parent, `.${name}.costsim-new-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
    io(temp, () => mkdirSync(temp));
    return new OutputRun(target, temp);
  }

  /** Moves a finished part folder to its final name (a folder name, no separators). */
  place(part: string, folder: string, files: number): void {
    const to = inside(this.temp, folder);
    io(to, () => renameSync(part, to));
    this.written += files;
  }

  /** Removes a part folder whose scenario failed half-way. */
  discard(part: string): void {
    rmSync(part, { recursive: true, force: true });
  }

  /** Writes run-level files (summary.md, charts/summary.*). */
  writeFiles(files: readonly OutputFile[]): void {
    this.written += writeFilesInto(this.temp, files);
  }

  get filesWritten(): number {
    return this.written;
  }

  /** Swaps the finished run into place: afterwards `root` is the new run, whole. */
  commit(): void {
    const { root, temp } = this;
    if (!existsSync(root)) {
      io(root, () => renameSync(temp, root));
      return;
    }
    const old = path.join(path.dirname(root), `.${path.basename(root)}.costsim-old-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
    io(root, () => renameSync(root, old));
    try {
      io(root, () => renameSync(temp, root));
    } catch (err) {
      renameSync(old, root); // put the old run back: the folder stays whole
      throw err;
    }
    rmSync(old, { recursive: true, force: true });
  }

  /** Gives up: removes the temporary folder; `root` keeps the previous run. */
  abandon(): void {
    rmSync(this.temp, { recursive: true, force: true });
  }
}

/**
 * Cleans what killed runs left beside `target`: their `-new-` folders are half-written and
 * removed; an `-old-` folder with `target` missing is a run killed between its two renames,
 * so it goes back into place (the old run, whole); other `-old-` folders are removed.
 */
function recoverLeftovers(parent: string, name: string, target: string): void {
  const prefix = `.${name}.costsim-`;
  let entries: string[];
  try {
    entries = readdirSync(parent).filter((e) => e.startsWith(prefix));
  } catch {
    return;
  }
  for (const entry of entries) {
    const m = /^(new|old)-(\d+)-[a-z0-9]+$/.exec(entry.slice(prefix.length));
    if (!m || alive(Number(m[2]))) continue;
    const full = path.join(parent, entry);
    if (m[1] === 'old' && !existsSync(target) && lstatSync(full).isDirectory()) io(target, () => renameSync(full, target));
    else io(full, () => rmSync(full, { recursive: true, force: true }));
  }
}
