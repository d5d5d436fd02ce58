// Varied scenario files for the batch benchmarks (and the batch tests): copies of the bundled
// scenarios/ with the name, volume, growth and horizon changed per file by a seeded generator,
// so that no two files give the same projection. The folders the bundled scenarios read
// (prompts/, faq/) are copied beside them so `file:` and `dir:` references resolve.
//
//   node bench/generate.mjs DIR COUNT [SEED]      or   import { generateScenarios } from './generate.mjs'
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const source = join(root, 'scenarios');

/** mulberry32: a small seeded generator, so a bench run is reproducible. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The bundled scenarios the files are made from: their names (file stems) and paths, in name order. */
export function templateFiles() {
  return readdirSync(source)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ stem: f.replace(/\.yaml$/, ''), file: join(source, f) }));
}

/**
 * Writes `count` scenario files into `dir` (created); returns their paths in name order.
 * `stems`: make them from these bundled scenarios only (default: all of them, in turn).
 */
export function generateScenarios(dir, count, seed = 1, { stems } = {}) {
  mkdirSync(dir, { recursive: true });
  for (const sub of ['prompts', 'faq']) cpSync(join(source, sub), join(dir, sub), { recursive: true });
  const templates = templateFiles()
    .filter((t) => stems === undefined || stems.includes(t.stem))
    .map((t) => ({ stem: t.stem, text: readFileSync(t.file, 'utf8') }));
  if (templates.length === 0) throw new Error(`no bundled scenario among ${JSON.stringify(stems)}`);
  const random = rng(seed);
  const width = String(count).length;
  const files = [];
  for (let i = 0; i < count; i++) {
    const t = templates[i % templates.length];
    const scale = 0.25 + random() * 4; // volume × 0.25 … 4.25
    const growth = (random() * 8).toFixed(1); // % per month
    const months = 6 + Math.floor(random() * 31); // 6 … 36
    const text = t.text
      .replace(/^name: (.*)$/m, (_, n) => `name: ${n} no. ${i + 1}`)
      .replace(/^(  queries_per_month: )(.*)$/m, (_, k, v) => `${k}(${v}) * ${scale.toFixed(3)}`)
      .replace(/^(  growth_per_month: ).*$/m, (_, k) => `${k}${growth}%`)
      .replace(/^horizon_months: .*$/m, `horizon_months: ${months}`);
    const file = join(dir, `${String(i + 1).padStart(width, '0')}-${t.stem}.yaml`);
    writeFileSync(file, text);
    files.push(file);
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, count, seed] = process.argv.slice(2);
  if (!dir || !count) {
    console.error('usage: node bench/generate.mjs DIR COUNT [SEED]');
    process.exit(2);
  }
  console.log(`${generateScenarios(resolve(dir), Number(count), Number(seed ?? 1)).length} scenario files in ${dir}`);
}
