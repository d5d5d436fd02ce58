/**
 * Runs one fuzz case alone and prints its outcome and the CPU time it used (ms): run.mjs
 * asks this of every case that took too long in a worker, so that a slow machine (wall time)
 * is told apart from a hang (CPU time).  Usage: node recheck.mjs <case file> <dist folder>
 */
import { builtLibs, runInProcess } from './lib.mjs';

const [file, dist] = process.argv.slice(2);
await builtLibs(dist);
const before = process.cpuUsage();
const result = await runInProcess(file, dist);
const used = process.cpuUsage(before);
process.stdout.write(JSON.stringify({ ...result, cpu_ms: Math.round((used.user + used.system) / 1000) }));
