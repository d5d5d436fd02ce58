/**
 * Runs a batch's scenarios on `jobs` worker threads and hands the outcomes back in input order,
 * as soon as each one and all before it are done. `jobs` = 1 runs in this thread, with the same
 * code (`runScenario`), so the output bytes are the same whatever the number of jobs.
 *
 * Memory stays bounded: at most `WINDOW` scenarios are dispatched ahead of the first one not yet
 * handed back, so a slow scenario cannot make the finished ones behind it pile up.
 */
import { Worker } from 'node:worker_threads';
import { problem, problemText } from '../messages/problems.js';
import { runScenario, type BatchSettings, type ScenarioOutcome } from './batch.js';

/** Scenarios in flight per worker: one running, one queued so that it never waits. */
const PER_WORKER = 2;

export async function* runInOrder(files: readonly string[], settings: BatchSettings, jobs: number): AsyncGenerator<ScenarioOutcome> {
  const workers = Math.max(1, Math.min(jobs, files.length));
  if (workers === 1) {
    for (const [index, file] of files.entries()) yield await runScenario({ index, file }, settings);
    return;
  }
  const window = workers * PER_WORKER * 4;
  const done = new Map<number, ScenarioOutcome>();
  let next = 0; // next index to dispatch
  let emit = 0; // next index to hand back
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  interface Slot {
    worker: Worker;
    inFlight: Set<number>;
  }
  const slots: Slot[] = [];
  const start = (): Slot => {
    const worker = new Worker(new URL('./batch-worker.js', import.meta.url), { workerData: settings });
    const slot: Slot = { worker, inFlight: new Set() };
    worker.on('message', (o: ScenarioOutcome) => {
      slot.inFlight.delete(o.index);
      done.set(o.index, o);
      dispatch();
      signal();
    });
    worker.on('error', (err) => {
      // A crashed worker: its scenarios become error entries and a fresh worker takes its place.
      for (const index of slot.inFlight) {
        done.set(index, { index, file: files[index] as string, ok: false, problems: [problem('', problemText.internal(err.message))] });
      }
      slot.inFlight.clear();
      const i = slots.indexOf(slot);
      if (i >= 0 && next < files.length) slots[i] = start();
      else if (i >= 0) slots.splice(i, 1);
      dispatch();
      signal();
    });
    return slot;
  };
  const dispatch = () => {
    for (const slot of slots) {
      while (slot.inFlight.size < PER_WORKER && next < files.length && next < emit + window) {
        slot.inFlight.add(next);
        slot.worker.postMessage({ index: next, file: files[next] });
        next++;
      }
    }
  };
  for (let i = 0; i < workers; i++) slots.push(start());
  try {
    dispatch();
    while (emit < files.length) {
      const o = done.get(emit);
      if (o === undefined) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      done.delete(emit);
      emit++;
      dispatch();
      yield o;
    }
  } finally {
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
