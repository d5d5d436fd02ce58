/**
 * A worker thread of `costsim run --jobs N`: runs the scenarios the main thread sends, one at a
 * time, with the settings it was started with, and posts each outcome back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runScenario, type BatchSettings, type ScenarioTask } from './batch.js';

const settings = workerData as BatchSettings;
const port = parentPort;
if (port === null) throw new Error('batch-worker.js runs as a worker thread of costsim run');

let queue: Promise<void> = Promise.resolve();
port.on('message', (task: ScenarioTask) => {
  // One scenario at a time (renders share vega's process-global counters); the main thread
  // sends the next while this one runs, so the worker never waits for work.
  queue = queue.then(async () => {
    const outcome = await runScenario(task, settings);
    // JSON comes as bytes of their own (canonicalJsonBytes): hand them over rather than copy them.
    const bytes = outcome.ok && typeof outcome.text !== 'string' ? [outcome.text.buffer as ArrayBuffer] : [];
    port.postMessage(outcome, bytes);
  });
});
