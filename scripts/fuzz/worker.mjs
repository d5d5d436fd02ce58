/** Runs fuzz cases in process for run.mjs, one at a time, in a worker that can be killed on a hang. */
import { parentPort, workerData } from 'node:worker_threads';
import { builtLibs, runInProcess } from './lib.mjs';

// Loading the modules and the catalog is not part of any case's time: say when it is done.
await builtLibs(workerData.dist);
parentPort.postMessage({ ready: true });

parentPort.on('message', async ({ id, file }) => {
  const result = await runInProcess(file, workerData.dist);
  parentPort.postMessage({ id, ...result });
});
