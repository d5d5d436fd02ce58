/**
 * A reader that closes stdout early (`costsim catalog | head -1`) ends costsim quietly: exit 0,
 * nothing on stderr (issue 11, item 5). Runs the built CLI (dist/, built by `npm test`).
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = path.resolve('dist/bin/costsim.js');

/** Run costsim with stdout piped, close the pipe after the first chunk, and collect what follows. */
function closeAfterFirstChunk(args: string[]): Promise<{ code: number | null; stderr: string; chunks: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, COSTSIM_TODAY: '2026-11-21', NO_COLOR: '1' },
    });
    let stderr = '';
    let chunks = 0;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => (stderr += s));
    child.stdout.on('data', () => {
      chunks++;
      // Like `head -1`: read one chunk, then close our end of the pipe.
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, chunks }));
  });
}

describe('a closed stdout pipe', () => {
  // Each output is larger than a pipe's 64 KiB buffer (schema ≈ 116 kB, catalog table ≈ 72 kB,
  // catalog JSON ≈ 337 kB, the example scenarios' JSON larger still), so the later writes meet the
  // closed pipe.
  for (const args of [['schema'], ['catalog'], ['catalog', '--format', 'json'], ['run', 'scenarios', '--format', 'json']]) {
    it(`ends \`costsim ${args.join(' ')}\` quietly with exit 0`, async () => {
      const r = await closeAfterFirstChunk(args);
      expect(r.chunks).toBe(1);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    });
  }
});
