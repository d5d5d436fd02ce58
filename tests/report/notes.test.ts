/**
 * Notes are one line per fact, grouped, in one voice (issue 11, engineering lead item 9). One
 * grouping function (src/report/notes.ts) feeds the terminal table, summary.md and report.html.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCatalog } from '../../src/catalog/load.js';
import { STARTER_SCENARIO } from '../../src/cli/init-command.js';
import { NOTE } from '../../src/messages/notes.js';
import { simulate } from '../../src/model/simulate.js';
import { increase } from '../../src/model/verdict.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { noteLines } from '../../src/report/notes.js';
import { renderTable } from '../../src/report/table.js';
import { normalizeScenario } from '../../src/scenario/normalize.js';

const catalog = loadCatalog();

async function starter(change: (d: Record<string, any>) => void = () => undefined) {
  const data = parse(STARTER_SCENARIO) as Record<string, any>;
  data.start_month = '2027-01';
  change(data);
  const r = await normalizeScenario(data, { catalog, file: 'starter.yaml', today: '2026-11-21' });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return simulate(r.scenario, catalog);
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('notes: one line per fact', () => {
  it('a fact about a model is one line naming the strategies it affects, in every view', async () => {
    const p = await starter();
    const fact = 'rate limits (rpm, tpm) of gpt-4.1-mini are unknown';
    // The model attaches it to each of the four strategies (the JSON keeps them all) …
    expect(p.strategies.filter((s) => s.notes.some((n) => n.message.startsWith(fact)))).toHaveLength(4);
    // … and the reader sees it once. prompt_only is infeasible (its corpus overflows the window),
    // so the fact is named for the three that can run.
    const lines = noteLines(p).filter((l) => l.message.startsWith(fact));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.strategies).toEqual(['rag', 'fine_tuning', 'hybrid']);
    expect(lines[0]!.subject).toBe('rag, fine_tuning, hybrid');
    expect(count(renderTable([p]), fact)).toBe(1);
    expect(count(renderMarkdown(p), fact)).toBe(1);
    const html = renderHtml(p);
    expect(count(html.slice(html.indexOf('id="nt"')), fact)).toBe(1);
  });

  it('a strategy that cannot run keeps only the notes that say why', async () => {
    // claude-sonnet-4-5 has no fine-tuning prices in the catalog: fine_tuning and hybrid are infeasible.
    const p = await starter((d) => {
      d.models.generator = 'claude-sonnet-4-5';
    });
    const ft = p.strategies.find((s) => s.id === 'fine_tuning')!;
    expect(ft.feasible).toBe(false);
    expect(ft.notes.length).toBeGreaterThan(1); // latency, rate limits, unpriced … in the JSON
    const mentioning = noteLines(p).filter((l) => l.strategies.includes('fine_tuning'));
    expect(mentioning.map((l) => l.message)).toEqual([ft.notes.find((n) => n.code === NOTE.noFineTuning)!.message]);
    // The same fact for hybrid shares the line.
    expect(mentioning[0]!.strategies).toEqual(['fine_tuning', 'hybrid']);
  });

  it('a fact about every strategy is said once, for every strategy', () => {
    const n = { code: NOTE.epochsAuto, message: 'epochs auto: 3 for 4,000 examples (OpenAI cookbook rule)' };
    const s = (id: string) => ({ id, feasible: true, notes: [n] }) as never;
    const [line] = noteLines({ notes: [], strategies: [s('a'), s('b')] });
    expect(line).toEqual({ message: n.message, strategies: ['a', 'b'], subject: 'every strategy' });
  });
});

describe('how much more a strategy costs reads sensibly at any size', () => {
  it.each([
    [0.0047, '+0.47%'], // $283 over $59,945 read "+0%"
    [0.255, '+25.5%'],
    [0.98, '+98%'],
    [2.2, '3.2× as much'],
    [2500, '2,501× as much'], // read "+250001%"
  ])('%d → %s', (fraction, text) => {
    expect(increase(fraction)).toBe(text);
  });
});
