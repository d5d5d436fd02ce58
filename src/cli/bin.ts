#!/usr/bin/env node
/**
 * The `costsim` executable (bundled as dist/bin/costsim.js by scripts/bundle.mjs): the command
 * line of src/cli/main.ts on this process's arguments, stdout and stderr, and its exit code.
 */
// First: the engine's settings must be in place before any command's code runs hot.
import './engine-flags.js';
import { main } from './main.js';

// A reader that closes the pipe early (`costsim catalog | head -1`) has all it wants: end quietly
// with 0, like every Unix filter, instead of Node's unhandled-'error' stack trace. Any other write
// error on stdout is still reported.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  process.stderr.write(`costsim: cannot write the output: ${err.message}\n`);
  process.exit(1);
});

const code = await main(process.argv.slice(2), process);
// Exit now when everything printed has been handed to the system (stdout and stderr are
// synchronous for files, pipes and terminals on Linux, so their buffers are empty here). Left to
// end by itself, Node first waits for every background task V8 has queued, which at the end of
// a run is optimising compilations nobody will use: 20–90 ms of a one-second ranged run (strace
// shows the main thread blocked after its last write). With output still buffered (an
// asynchronous pipe elsewhere), the process ends by itself as before, after the buffers drain.
if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
process.exitCode = code;
