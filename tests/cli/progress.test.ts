import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/cli/progress.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (t: string) => writes.push(t) };
}

describe('Progress', () => {
  it('redraws a bar in place on a terminal: done, failed, elapsed, time left', () => {
    let t = 0;
    const s = stream(true);
    const p = new Progress(10, s, () => t);
    t = 2000;
    p.tick(true);
    t = 4000;
    p.tick(false);
    // 2 of 10 done in 4 s → 2 s each → 8 left × 2 s = 16 s.
    expect(s.writes.at(-1)).toBe('\r[#####...................] 2/10 files · 1 failed · 0:04 elapsed · ~0:16 left\x1b[K');
    p.clear();
    expect(s.writes.at(-1)).toBe('\r\x1b[K');
  });

  it('prints a plain line at most every 10 s when stderr is not a terminal', () => {
    let t = 0;
    const s = stream(false);
    const p = new Progress(100, s, () => t);
    for (let i = 1; i <= 30; i++) {
      t = i * 1000; // one file a second
      p.tick(true);
    }
    // Lines at 10 s and 20 s and 30 s: 10/100 after 10 s → 90 × 1 s = 1:30 left.
    expect(s.writes).toEqual([
      'costsim: 10/100 files · 0 failed · 0:10 elapsed · ~1:30 left\n',
      'costsim: 20/100 files · 0 failed · 0:20 elapsed · ~1:20 left\n',
      'costsim: 30/100 files · 0 failed · 0:30 elapsed · ~1:10 left\n',
    ]);
    p.clear();
    expect(s.writes).toHaveLength(3);
  });

  it('says nothing when disabled (--quiet, JSON on stdout) or for a batch of 3 files', () => {
    for (const [total, enabled] of [[100, false], [3, true]] as const) {
      const s = stream(true);
      const p = Progress.for(total, s, enabled);
      for (let i = 0; i < total; i++) p.tick(true);
      p.clear();
      expect(s.writes).toEqual([]);
    }
  });
});
