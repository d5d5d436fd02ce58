/**
 * File access for a scenario's token sources (`file:` and `dir:`, docs/model.md §2.3).
 *
 * A scenario names files relative to its own folder and may not reach outside that folder
 * tree: not with an absolute path, not with `..`, and not through a symbolic link whose
 * target lies outside (checked on the real path). `--allow-outside` lifts the rule. The
 * check on the written path comes before any disk access, so a rejected path never reveals
 * whether something exists out there.
 *
 * Listing skips dot-files (`.git`, `.DS_Store`) and binary files (see tokens/binary.ts):
 * a corpus folder that holds images next to its markdown counts the markdown.
 */
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import { BINARY_SNIFF_BYTES, decodeText, looksBinary, textLooksBinary } from '../tokens/binary.js';
import { problemText, type ProblemText } from '../messages/problems.js';

export interface ScenarioFs {
  /** Read a UTF-8 text file named relative to the scenario's folder. */
  readText(relPath: string): string;
  /**
   * Text files under relDir matching the include globs (default ["**\/*"]), sorted, as
   * paths relative to the scenario folder (posix separators). Dot-files and binary files
   * are left out.
   */
  listFiles(relDir: string, include?: string[]): string[];
}

export type FsAccessErrorKind = 'outside' | 'not_found' | 'not_a_file' | 'not_a_dir' | 'unreadable';

/** A token source that cannot be read; the message is written for the scenario's author. */
export class FsAccessError extends Error {
  override readonly name = 'FsAccessError';
  readonly kind: FsAccessErrorKind;
  /** The path as the scenario wrote it. */
  readonly path: string;
  /** The problem as the catalog words it. */
  readonly text: ProblemText;
  constructor(kind: FsAccessErrorKind, filePath: string, text: ProblemText) {
    super(text.message);
    this.kind = kind;
    this.path = filePath;
    this.text = text;
  }
}

const DEFAULT_INCLUDE: readonly string[] = ['**/*'];

// Same matching options as tinyglobby's (dot-files excluded, posix paths), so that the
// memory fs and the disk fs select the same files.
const MATCH_OPTIONS = { dot: false, posix: true } as const;

function includeOrDefault(include: readonly string[] | undefined): string[] {
  return include && include.length > 0 ? [...include] : [...DEFAULT_INCLUDE];
}

/**
 * An include pattern selects files *inside* the listed folder; one that climbs out with
 * `..` or starts at `/` would make the listing depend on what sits around it.
 */
function checkPatterns(relDir: string, include: readonly string[]): void {
  for (const pattern of include) {
    const segments = pattern.split(/[\\/]/);
    if (pattern.startsWith('/') || path.isAbsolute(pattern) || segments.includes('..')) {
      throw new FsAccessError(
        'outside',
        relDir,
        problemText.includeOutside(pattern, relDir),
      );
    }
  }
}

/** tinyglobby treats a pattern that does not end in `*` as "this path, or everything under it". */
function expandDirectoryPatterns(include: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of include) {
    const p = raw.endsWith('/') ? raw.slice(0, -1) : raw;
    out.push(p);
    if (!p.endsWith('*')) out.push(`${p}/**`);
  }
  return out;
}

/**
 * Whether a pattern could select a file inside the folder `linkRel` (relative to the listed
 * folder): its leading segments must match the folder's segments (a `**` matches the rest),
 * and it must go deeper than the folder itself.
 */
function patternCanReachInto(pattern: string, linkRel: string): boolean {
  const patternSegments = pattern.split('/');
  const linkSegments = linkRel.split('/');
  for (const [i, name] of linkSegments.entries()) {
    const seg = patternSegments[i];
    if (seg === undefined) return false;
    if (seg === '**') return true;
    if (!picomatch(seg, MATCH_OPTIONS)(name)) return false;
  }
  return patternSegments.length > linkSegments.length;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Whether `child` is `parent` or lies under it (both absolute and normalized). */
function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/** The real implementation over the disk, rooted at the scenario file's folder. */
export function createScenarioFs(scenarioDir: string, options: { allowOutside: boolean }): ScenarioFs {
  const root = path.resolve(scenarioDir);
  const allowOutside = options.allowOutside;
  let realRootCache: string | undefined;
  // The scenario folder itself may sit behind a symlink (/tmp → /private/tmp on macOS):
  // containment of real paths is judged against the folder's real path.
  const realRoot = (): string => (realRootCache ??= nodeFs.realpathSync(root));

  /** Checks a written path and returns its absolute and real forms. */
  function locate(relPath: string): { abs: string; real: string } {
    if (typeof relPath !== 'string' || relPath.trim() === '') {
      throw new FsAccessError('not_found', String(relPath), problemText.pathEmpty());
    }
    if (path.isAbsolute(relPath) && !allowOutside) {
      throw new FsAccessError(
        'outside',
        relPath,
        problemText.pathAbsolute(relPath, root),
      );
    }
    const abs = path.resolve(root, relPath);
    if (!allowOutside && !isInside(root, abs)) throw new FsAccessError('outside', relPath, problemText.pathOutside(relPath, root));
    let real: string;
    try {
      real = nodeFs.realpathSync(abs);
    } catch (err) {
      const code = errorCode(err);
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        throw new FsAccessError('not_found', relPath, problemText.pathMissing(relPath, abs));
      }
      throw new FsAccessError('unreadable', relPath, problemText.pathUnreadable(relPath, code ?? (err as Error).message));
    }
    if (!allowOutside && !isInside(realRoot(), real)) {
      throw new FsAccessError(
        'outside',
        relPath,
        problemText.pathThroughLink(relPath, real, root),
      );
    }
    return { abs, real };
  }

  function readBytes(relPath: string, real: string): Uint8Array {
    try {
      return nodeFs.readFileSync(real);
    } catch (err) {
      throw new FsAccessError('unreadable', relPath, problemText.pathUnreadable(relPath, errorCode(err) ?? (err as Error).message));
    }
  }

  function sniffBinary(real: string): boolean {
    let fd: number | undefined;
    try {
      fd = nodeFs.openSync(real, 'r');
      const head = Buffer.alloc(BINARY_SNIFF_BYTES);
      const n = nodeFs.readSync(fd, head, 0, BINARY_SNIFF_BYTES, 0);
      return looksBinary(head.subarray(0, n));
    } finally {
      if (fd !== undefined) nodeFs.closeSync(fd);
    }
  }

  return {
    readText(relPath) {
      const { real } = locate(relPath);
      const stat = nodeFs.statSync(real);
      if (stat.isDirectory()) {
        throw new FsAccessError('not_a_file', relPath, problemText.folderNotFile(relPath));
      }
      if (!stat.isFile()) throw new FsAccessError('not_a_file', relPath, problemText.notRegularFile(relPath));
      const bytes = readBytes(relPath, real);
      if (looksBinary(bytes)) {
        throw new FsAccessError('unreadable', relPath, problemText.binaryFile(relPath));
      }
      return decodeText(bytes);
    },

    listFiles(relDir, include) {
      const patterns = includeOrDefault(include);
      checkPatterns(relDir, patterns);
      const dirArg = relDir.trim() === '' ? '.' : relDir;
      const { abs: dirAbs, real: dirReal } = locate(dirArg);
      if (!nodeFs.statSync(dirReal).isDirectory()) {
        throw new FsAccessError('not_a_dir', dirArg, problemText.fileNotFolder(dirArg));
      }

      // Symbolic links to folders outside are not crawled (the realpath the crawler asks for
      // fails, so it skips them); they are remembered and reported below if the patterns
      // could select something inside them.
      const outsideDirLinks: { link: string; target: string }[] = [];
      const guardedRealpathSync = ((p: nodeFs.PathLike, opts?: unknown) => {
        const target = nodeFs.realpathSync(p, opts as nodeFs.EncodingOption) as string;
        if (!allowOutside && !isInside(realRoot(), target) && nodeFs.statSync(target).isDirectory()) {
          outsideDirLinks.push({ link: String(p), target });
          throw Object.assign(new Error(`${String(p)} leads outside the scenario folder`), { code: 'EOUTSIDE' });
        }
        return target;
      }) as typeof nodeFs.realpathSync;
      guardedRealpathSync.native = nodeFs.realpathSync.native;

      let found: string[];
      try {
        found = globSync(patterns, {
          cwd: dirAbs,
          dot: false,
          onlyFiles: true,
          followSymbolicLinks: true,
          fs: { ...nodeFs, realpathSync: guardedRealpathSync },
        });
      } catch (err) {
        throw new FsAccessError('unreadable', dirArg, problemText.dirUnlistable(dirArg, errorCode(err) ?? (err as Error).message));
      }

      if (outsideDirLinks.length > 0) {
        for (const { link, target } of outsideDirLinks) {
          const linkRel = toPosix(path.relative(dirAbs, link.replace(/[\\/]+$/, '')));
          const relevant = expandDirectoryPatterns(patterns).some((p) => patternCanReachInto(p, linkRel));
          if (relevant) {
            const shown = toPosix(path.relative(root, path.join(dirAbs, linkRel)));
            throw new FsAccessError(
              'outside',
              shown,
              problemText.linkOutside(shown, target, root, true),
            );
          }
        }
      }

      // A file reached twice (a symlink alias, or a link back up the tree that the crawler
      // follows once) is listed once: under its own name when that is among the matches
      // (not through a link), else under the shortest name.
      const byReal = new Map<string, { shown: string; direct: boolean; depth: number }>();
      for (const rel of found.sort()) {
        const fileAbs = path.join(dirAbs, rel);
        const shown = toPosix(path.relative(root, fileAbs));
        // A symlinked *file* is returned by the crawler under its link name; judge its target.
        const real = nodeFs.realpathSync(fileAbs);
        if (!allowOutside && !isInside(realRoot(), real)) {
          throw new FsAccessError('outside', shown, problemText.linkOutside(shown, real, root, false));
        }
        const candidate = { shown, direct: path.resolve(dirReal, rel) === real, depth: rel.split('/').length };
        const kept = byReal.get(real);
        if (kept === undefined) {
          if (!sniffBinary(real)) byReal.set(real, candidate);
        } else if ((candidate.direct && !kept.direct) || (candidate.direct === kept.direct && candidate.depth < kept.depth)) {
          byReal.set(real, candidate);
        }
      }
      const files = [...byReal.values()].map((c) => c.shown);
      return files.sort();
    },
  };
}

/**
 * An in-memory ScenarioFs for tests of the core. Keys are paths relative to an imaginary
 * scenario folder (`prompts/system.md`); the same containment rules apply to the written,
 * normalized path (there are no symbolic links in memory). With allowOutside, keys such as
 * `../shared/a.md` can be read.
 */
export function createMemoryFs(files: Record<string, string>, options: { allowOutside?: boolean } = {}): ScenarioFs {
  const allowOutside = options.allowOutside ?? false;
  const store = new Map<string, string>();
  for (const [key, text] of Object.entries(files)) store.set(path.posix.normalize(key.replace(/\\/g, '/')), text);

  function normalize(relPath: string): string {
    if (typeof relPath !== 'string' || relPath.trim() === '') {
      throw new FsAccessError('not_found', String(relPath), problemText.pathEmpty());
    }
    if (path.posix.isAbsolute(relPath) && !allowOutside) {
      throw new FsAccessError(
        'outside',
        relPath,
        problemText.pathAbsolute(relPath, null),
      );
    }
    const norm = path.posix.normalize(relPath);
    if (!allowOutside && (norm === '..' || norm.startsWith('../'))) {
      throw new FsAccessError('outside', relPath, problemText.pathOutside(relPath, null));
    }
    return norm.replace(/\/+$/, '') || '.';
  }

  const under = (dir: string) => (dir === '.' ? '' : `${dir}/`);

  return {
    readText(relPath) {
      const key = normalize(relPath);
      const text = store.get(key);
      if (text === undefined) {
        if ([...store.keys()].some((k) => k.startsWith(under(key)))) {
          throw new FsAccessError('not_a_file', relPath, problemText.folderNotFile(relPath));
        }
        throw new FsAccessError('not_found', relPath, problemText.pathMissing(relPath));
      }
      if (textLooksBinary(text)) {
        throw new FsAccessError('unreadable', relPath, problemText.binaryFile(relPath));
      }
      return text.replace(/^\uFEFF/, '');
    },

    listFiles(relDir, include) {
      const patterns = includeOrDefault(include);
      checkPatterns(relDir, patterns);
      const dir = normalize(relDir.trim() === '' ? '.' : relDir);
      if (store.has(dir)) {
        throw new FsAccessError('not_a_dir', relDir, problemText.fileNotFolder(relDir));
      }
      const prefix = under(dir);
      const inDir = [...store.keys()].filter(
        (k) => k.startsWith(prefix) && (prefix !== '' || !(k.startsWith('../') || k.startsWith('/'))),
      );
      if (inDir.length === 0 && dir !== '.') throw new FsAccessError('not_found', relDir, problemText.pathMissing(relDir));
      const isMatch = picomatch(expandDirectoryPatterns(patterns), MATCH_OPTIONS);
      return inDir
        .filter((k) => isMatch(k.slice(prefix.length)) && !textLooksBinary(store.get(k) ?? ''))
        .sort();
    },
  };
}
