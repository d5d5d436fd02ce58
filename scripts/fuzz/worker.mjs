/** Runs fuzz cases in process for run.mjs, one at a time, in a worker that can be killed on a hang. */
import { parentPort, workerData } from 'node:worker_threads';
import { runInProcess } from './lib.mjs';

parentPort.on('message', async ({ id, file }) => {
  const result = await runInProcess(file, workerData.dist);
  parentPort.postMessage({ id, ...result });
});
