// Preloaded into a benchmarked costsim process (`node --import ./bench/cpu-report.mjs …`): at exit
// it appends the process's own CPU time (user + system, worker threads included) and peak
// resident memory to $COSTSIM_BENCH_REPORT as one JSON line. The process measures itself, so the
// bench needs no `time` binary and the figures do not include the bench's own work.
import { appendFileSync } from 'node:fs';

const file = process.env.COSTSIM_BENCH_REPORT;
if (file) {
  process.on('exit', () => {
    const r = process.resourceUsage();
    appendFileSync(file, JSON.stringify({ cpu_ms: (r.userCPUTime + r.systemCPUTime) / 1000, peak_mb: r.maxRSS / 1024 }) + '\n');
  });
}
