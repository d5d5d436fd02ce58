/**
 * The progress line of a batch, on stderr: a bar redrawn in place on a terminal, a plain line every
 * PLAIN_EVERY_MS otherwise (a CI log), nothing with --quiet or when stdout is the JSON stream.
 * Files done, failed, elapsed and an estimate of the time left (elapsed ÷ done × remaining).
 */
/** Batches up to this many files print no progress: they finish before one would be useful. */
const PROGRESS_MIN_FILES = 4;
const TTY_EVERY_MS = 100;
const PLAIN_EVERY_MS = 10_000;
const BAR = 24;

interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export class Progress {
  private done = 0;
  private failed = 0;
  private last = 0;
  private drawn = false;
  private readonly started: number;

  constructor(
    private readonly total: number,
    private readonly stream: ProgressStream | null,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
    this.last = this.started;
  }

  static for(total: number, stream: ProgressStream, enabled: boolean): Progress {
    return new Progress(total, enabled && total >= PROGRESS_MIN_FILES ? stream : null);
  }

  /** The line's text: `120/1000 files · 2 failed · 0:12 elapsed · ~1:30 left`. */
  line(): string {
    const elapsed = this.now() - this.started;
    const left = this.done > 0 ? clock((elapsed / this.done) * (this.total - this.done)) : '?';
    return `${this.done}/${this.total} files · ${this.failed} failed · ${clock(elapsed)} elapsed · ~${left} left`;
  }

  tick(ok: boolean): void {
    this.done++;
    if (!ok) this.failed++;
    if (this.stream === null) return;
    const t = this.now();
    if (this.stream.isTTY) {
      if (t - this.last < TTY_EVERY_MS && this.done < this.total) return;
      const filled = Math.round((BAR * this.done) / this.total);
      this.stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${this.line()}\x1b[K`);
      this.drawn = true;
    } else {
      if (t - this.last < PLAIN_EVERY_MS) return;
      this.stream.write(`costsim: ${this.line()}\n`);
    }
    this.last = t;
  }

  /** Clears the bar before other text goes to the same terminal (a problem line, the end). */
  clear(): void {
    if (this.drawn && this.stream) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
