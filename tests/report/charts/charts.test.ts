import { pricesDated } from '../../../src/format.js';
import { describe, expect, it } from 'vitest';
import type { Projection } from '../../../src/model/types.js';
import {
  CHART_NAMES,
  buildCharts,
  findCrossovers,
  strategyColorSlots,
  strategyInfos,
  summaryChart,
} from '../../../src/report/charts/index.js';
import { currencyAxis, formatUsd, monthAxisLabelExpr, monthLabelAt } from '../../../src/report/charts/common.js';
import { loadProjection, walk } from './fixtures.js';

const support: Projection = await loadProjection('support');
const small: Projection = await loadProjection('small');

describe('shared fixtures are internally consistent', () => {
  for (const [name, p] of [['support', support], ['small', small]] as const) {
    it(`${name}: month totals = Σ by_category, total = one_time + Σ months, per query = Σ categories`, () => {
      for (const s of p.strategies) {
        expect(s.monthly).toHaveLength(p.scenario.horizon_months);
        for (const m of s.monthly) {
          const vals = Object.values(m.by_category);
          if (vals.some((v) => v === null)) expect(m.total_usd).toBeNull();
          else expect(m.total_usd).toBeCloseTo(vals.reduce<number>((a, v) => a + (v ?? 0), 0), 6);
        }
        const oneTime = s.line_items.filter((li) => li.period === 'one_time').map((li) => li.cost_usd);
        if (oneTime.includes(null)) expect(s.one_time_usd).toBeNull();
        else expect(s.one_time_usd).toBeCloseTo(oneTime.reduce<number>((a, v) => a + (v ?? 0), 0), 6);
        if (s.one_time_usd === null || s.monthly.some((m) => m.total_usd === null)) expect(s.total_usd).toBeNull();
        else expect(s.total_usd).toBeCloseTo(s.one_time_usd + s.monthly.reduce((a, m) => a + (m.total_usd ?? 0), 0), 6);
        const pq = Object.values(s.per_query.by_category);
        if (!pq.includes(null)) expect(s.per_query.cost_usd).toBeCloseTo(pq.reduce<number>((a, v) => a + (v ?? 0), 0), 12);
        for (const li of s.line_items) {
          if (li.unit_price_usd === null) expect(li.cost_usd).toBeNull();
          else expect(li.cost_usd).toBeCloseTo(li.quantity * li.unit_price_usd, 9);
        }
        expect(s.unpriced).toEqual(s.line_items.filter((li) => li.unit_price_usd === null).map((li) => li.name));
      }
    });
  }

  it('support covers the cases the charts must mark', () => {
    const by = new Map(support.strategies.map((s) => [s.id, s]));
    expect(by.get('prompt_only')?.feasible).toBe(false);
    expect(by.get('fine_tuning')?.meets_targets).toBe(false);
    expect(by.get('hybrid')?.total_usd).toBeNull();
    expect(by.get('hybrid')?.unpriced).toEqual(['Retraining runs', 'Initial training run (3 epochs)']);
    // rag, month 1: 1.5M queries × per-query (3132×0.4e-6 + 4500×0.1e-6 + 250×1.6e-6
    //   + 60×0.02e-6 + 0.287038776 RU×16e-6 = 0.0021085926) = 3162.889
    //   + monthly 0.032915 (re-embed) + 0.091853 (writes) + 0.094723 (storage) = 3163.108,
    //   + the Pinecone $50 plan minimum's top-up: 50 − (read units 1.5M × 0.287038776 × 16e-6
    //   = 6.888931, + writes 0.091853 + storage 0.094723) = 42.924494 → 3206.033.
    expect(by.get('rag')?.monthly[0]?.total_usd).toBeCloseTo(3206.033, 2);
    expect(by.get('rag')?.line_items.find((i) => i.id === 'store.minimum_top_up')?.cost_usd_by_month[0]).toBeCloseTo(42.924494, 5);
  });
});

describe('strategy labels and marks', () => {
  it('labels every strategy with its flags, in projection order', () => {
    expect(strategyInfos(support).map((s) => s.label)).toEqual([
      'prompt_only (infeasible)',
      'rag (recommended)',
      'fine_tuning (misses target)',
      'hybrid (unpriced items)',
    ]);
    expect(strategyInfos(support).map((s) => s.plotted)).toEqual([false, true, true, true]);
    expect(strategyInfos(support).map((s) => s.eligible)).toEqual([false, true, false, false]);
  });

  it('gives the four kinds fixed colour slots and variants the next ones', () => {
    const slots = strategyColorSlots(['rag-k12', 'rag', 'custom']);
    expect(slots.get('prompt_only')).toBe(0);
    expect(slots.get('rag')).toBe(1);
    expect(slots.get('fine_tuning')).toBe(2);
    expect(slots.get('hybrid')).toBe(3);
    expect(slots.get('rag-k12')).toBe(4);
    expect(slots.get('custom')).toBe(5);
    // rag is first in the small fixture and second in support: same colour in both.
    const colorOf = (p: Projection, id: string) => strategyInfos(p).find((s) => s.id === id)?.color;
    expect(colorOf(small, 'rag')).toBe(colorOf(support, 'rag'));
  });
});

/** label → colour pairs a spec assigns to strategies: colour scales and per-row colours. */
function strategyColors(spec: unknown, p: Projection): Map<string, Set<string>> {
  const infos = strategyInfos(p);
  const byLabel = new Map(infos.map((s) => [s.label, s.id]));
  const ids = new Set(infos.map((s) => s.id));
  const out = new Map<string, Set<string>>();
  const add = (id: string, color: string) => {
    if (!out.has(id)) out.set(id, new Set());
    out.get(id)?.add(color);
  };
  for (const { value } of walk(spec)) {
    if (Array.isArray(value) || typeof value === 'string') continue;
    const domain = value['domain'];
    const range = value['range'];
    if (Array.isArray(domain) && Array.isArray(range)) {
      domain.forEach((d, i) => {
        const id = typeof d === 'string' ? (byLabel.get(d) ?? (ids.has(d) ? d : undefined)) : undefined;
        if (id !== undefined && typeof range[i] === 'string') add(id, range[i]);
      });
    }
    // Ticks and p95 labels carry the strategy's colour (the grey of "—" rows and the neutral
    // ink of amounts beside category-coloured bars are not strategy colours).
    if (typeof value['strategy'] === 'string' && typeof value['color'] === 'string' && !['#666666', '#222222'].includes(value['color'])) {
      add(value['strategy'], value['color']);
    }
  }
  return out;
}

describe('chart specs', () => {
  const charts = buildCharts(support);

  it('builds the six charts of docs/model.md §13, in order', () => {
    expect(charts.map((c) => c.name)).toEqual([...CHART_NAMES]);
    expect(CHART_NAMES).toEqual([
      'monthly-spend',
      'spend-over-time',
      'cumulative-cost',
      'cost-per-query',
      'latency-breakdown',
      'latency-distribution',
    ]);
  });

  for (const { name, spec } of charts) {
    it(`${name}: matches its snapshot`, async () => {
      await expect(`${JSON.stringify(spec, null, 2)}\n`).toMatchFileSnapshot(`./__snapshots__/support-${name}.vl.json`);
    });
  }

  it('titles name the scenario; subtitles give the horizon and the dates of the prices used', () => {
    // support is priced from LiteLLM (2026-07-24), OpenAI's fine-tuning page (2025-08-21) and Pinecone (2026-11-04).
    expect(pricesDated(support)).toBe('2025-08-21 to 2026-11-04');
    for (const { spec } of [...charts, { spec: summaryChart([support, small]) }]) {
      const title = (spec as { title: { text: string; subtitle: string[] } }).title;
      expect(title.subtitle.join(' ')).toContain(pricesDated(support));
    }
    for (const { spec } of charts) {
      const title = (spec as { title: { text: string | string[]; subtitle: string[] } }).title;
      expect([title.text].flat().join(' ').startsWith(`${support.scenario.name}: `)).toBe(true);
      expect(title.subtitle.at(-1)).toBe(`Horizon 12 months from Jan 2027 · prices dated ${pricesDated(support)}`);
    }
  });

  it('embeds data inline: no URL anywhere', () => {
    for (const { spec } of charts) {
      for (const { key } of walk(spec)) expect(key).not.toBe('url');
    }
  });

  it('names DejaVu Sans for every font in the shared config', () => {
    for (const { spec } of charts) {
      const fonts = [...walk((spec as { config: unknown }).config)].filter((n) => /font$/i.test(n.key));
      expect(fonts.length).toBeGreaterThan(5);
      for (const f of fonts) expect(f.value).toBe('DejaVu Sans');
    }
  });

  it('gives each strategy one colour across every chart and the summary', () => {
    const all = new Map<string, Set<string>>();
    const specs = [...charts.map((c) => c.spec), summaryChart([support, small])];
    for (const spec of specs) {
      for (const [id, colors] of strategyColors(spec, support)) {
        if (!all.has(id)) all.set(id, new Set());
        for (const c of colors) all.get(id)?.add(c);
      }
    }
    // Okabe–Ito slots: rag orange, fine_tuning bluish green, hybrid reddish purple.
    expect(all.get('rag')).toEqual(new Set(['#E69F00']));
    expect(all.get('fine_tuning')).toEqual(new Set(['#009E73']));
    expect(all.get('hybrid')).toEqual(new Set(['#CC79A7']));
    // prompt_only is infeasible: never drawn, so it has no colour anywhere.
    expect(all.has('prompt_only')).toBe(false);
  });

  it('keeps the infeasible strategy in every chart, marked', () => {
    for (const { name, spec } of charts) {
      const text = JSON.stringify(spec);
      // Named in a footnote with the reason…
      // 18M corpus + 4,500 prompt + 60 query tokens = 18,004,560 input tokens.
      expect(text, name).toMatch(/prompt_only cannot run \((shown as —, no bar|no line)\): 18,004,560 input/);
      // …and, in the bar charts, kept as a labelled row with "—" and no bar.
      if (['monthly-spend', 'cost-per-query', 'latency-breakdown'].includes(name)) {
        expect(text, name).toContain('"label": "prompt_only (infeasible)"'.replace(': ', ':'));
        expect(text, name).toContain('— cannot run: 18,004,560 input');
      }
    }
  });

  it('shows unpriced amounts as lower bounds', () => {
    const monthly = JSON.stringify(charts.find((c) => c.name === 'monthly-spend')?.spec);
    // hybrid (tuned gpt-4.1-nano, $0.20/$0.80 per 1M in the fixture catalog), month 1, priced part:
    //   1.5M × (3632×0.2e-6 + 250×0.8e-6 + 60×0.02e-6 + 0.287038776×16e-6 = 0.00093219262)
    //   = 1398.289, + re-embed 0.032915 + the store's $50 plan minimum (read units 6.888931 + writes
    //   0.091852 + storage 0.094723, topped up by 42.924494) = 1441.433 → "$1,441"; training
    //   (retraining runs) has no price.
    expect(monthly).toContain('≥ $1,441 (training unpriced)');
  });

  it('puts currency formats on every money axis', () => {
    const moneyCharts = ['monthly-spend', 'spend-over-time', 'cumulative-cost', 'cost-per-query'];
    for (const { name, spec } of charts.filter((c) => moneyCharts.includes(c.name))) {
      const axes = [...walk(spec)].filter((n) => n.key === 'axis' && !Array.isArray(n.value) && typeof n.value === 'object');
      const money = axes.filter((a) => {
        const v = a.value as Record<string, unknown>;
        return String(v['format'] ?? '').startsWith('$') || String(v['labelExpr'] ?? '').includes("'$");
      });
      expect(money.length, name).toBeGreaterThan(0);
    }
    const perQuery = JSON.stringify(charts.find((c) => c.name === 'cost-per-query')?.spec);
    expect(perQuery).toContain('"format":"$,.4f"');
  });

  it('marks the latency SLO from the scenario assumptions', () => {
    for (const name of ['latency-breakdown', 'latency-distribution']) {
      const text = JSON.stringify(charts.find((c) => c.name === name)?.spec);
      expect(text).toContain('SLO p95 8,000 ms');
    }
  });

  it('marks the crossover of fine_tuning and rag in Jul 2027', () => {
    // One-time gap: fine_tuning 20,054 (training 3.6M tokens × 3 epochs × $5/1M = 54, curation
    // 4,000, engineering 16,000) − rag 12,001.56 (index 0.41 + writes 1.15 + engineering 12,000)
    // = 8,052.44. Month m: rag = 1.5M·1.03^(m−1) × 0.0021040 (per query without read units, which
    // sit under the store's $50 minimum) + 50 + re-embedding 0.033 = 3,156.0·1.03^(m−1) + 50.03;
    // fine_tuning = 1.5M·1.03^(m−1) × (560×0.8e-6 + 250×3.2e-6) + 730/168 runs × $54
    // = 1,872·1.03^(m−1) + 234.64. Rag spends 1,284.0·1.03^(m−1) − 184.61 more each month; through
    // month 6: 1,284.0 × 6.4684 − 6 × 184.61 = 7,198 < 8,052; through month 7: 1,284.0 × 7.6625
    // − 7 × 184.61 = 8,546 > 8,052: the lines cross during month 7, Jul 2027.
    const text = JSON.stringify(charts.find((c) => c.name === 'cumulative-cost')?.spec);
    expect(text).toContain('fine_tuning becomes cheaper in total than rag from Jul 2027');
    expect(text).toContain('"label":"fine_tuning cheaper from Jul 2027"');
  });

  it('puts month 1 and the last month side by side in monthly-spend', () => {
    const text = JSON.stringify(charts.find((c) => c.name === 'monthly-spend')?.spec);
    expect(text).toContain('"panel":"Jan 2027 (month 1)"');
    expect(text).toContain('"panel":"Dec 2027 (month 12)"');
  });

  it('draws the CDF points when the latency model gives them, else the three percentiles', () => {
    const supportCdf = JSON.stringify(buildCharts(support).find((c) => c.name === 'latency-distribution')?.spec);
    expect(supportCdf).not.toContain('only p50, p95 and p99 are known');
    // A projection whose latency has no CDF (a library caller may strip it): the chart falls back.
    const noCdf = structuredClone(small);
    for (const s of noCdf.strategies) delete s.per_query.latency_ms?.cdf;
    const smallCdf = buildCharts(noCdf).find((c) => c.name === 'latency-distribution')?.spec;
    const rows = [...walk(smallCdf)].filter((n) => !Array.isArray(n.value) && typeof n.value === 'object' && (n.value as Record<string, unknown>)['strategy'] === 'rag' && 'p' in (n.value as object));
    const rag = small.strategies[0]?.per_query.latency_ms;
    expect(rows.map((r) => [(r.value as Record<string, number>)['ms'], (r.value as Record<string, number>)['p']])).toEqual([
      [rag?.p50, 0.5],
      [rag?.p95, 0.95],
      [rag?.p99, 0.99],
    ]);
    expect(JSON.stringify(smallCdf)).toContain('rag, fine_tuning: only p50, p95 and p99 are known');
  });

  it('never puts user text into a vega-lite expression', () => {
    const evil = structuredClone(support);
    evil.scenario.name = `x' + alert(1) + '"`;
    for (const s of evil.strategies) s.id = `${s.id}'); alert('`;
    evil.verdict.recommended = evil.strategies[1]?.id ?? null;
    for (const { spec } of [...buildCharts(evil), { spec: summaryChart([evil]) }]) {
      for (const { key, value } of walk(spec)) {
        if (['labelExpr', 'expr', 'calculate', 'test', 'signal'].includes(key) || (key === 'filter' && typeof value === 'string')) {
          expect(String(value)).not.toContain('alert');
        }
      }
    }
  });
});

describe('findCrossovers', () => {
  it('interpolates a strict crossing', () => {
    // d = a − b = [−30, −10, +10]: sign change between x = 1 and 2, t = −10 / (−10 − 10) = 0.5,
    // x = 1.5, usd = 150 + 0.5 × (200 − 150) = 175; a is dearer after, so b is cheaper from month 2.
    expect(findCrossovers([{ id: 'a', usd: [100, 150, 200] }, { id: 'b', usd: [130, 160, 190] }])).toEqual([
      { x: 1.5, usd: 175, cheaper: 'b', other: 'a', month: 2 },
    ]);
  });

  it('counts touching then parting the other way once, at the touch', () => {
    // d = [−5, 0, +5]: equal at x = 1, then a is dearer.
    expect(findCrossovers([{ id: 'a', usd: [0, 10, 20] }, { id: 'b', usd: [5, 10, 15] }])).toEqual([
      { x: 1, usd: 10, cheaper: 'b', other: 'a', month: 1 },
    ]);
  });

  it('ignores touching without a change of order, and parallel lines', () => {
    expect(findCrossovers([{ id: 'a', usd: [0, 10, 20] }, { id: 'b', usd: [5, 10, 25] }])).toEqual([]);
    expect(findCrossovers([{ id: 'a', usd: [0, 10, 20] }, { id: 'b', usd: [5, 15, 25] }])).toEqual([]);
  });
});

describe('formats', () => {
  it('chooses whole dollars below $1M, SI above, 4+ decimals per query', () => {
    expect(currencyAxis(999_999)).toEqual({ format: '$,.0f' });
    expect(currencyAxis(2_500_000).labelExpr).toContain("'$.3~s'");
    expect(currencyAxis(0.0053, true)).toEqual({ format: '$,.4f' });
    // 0.00004: −log10 = 4.4 → ceil 5, + 1 = 6 decimals so the ticks are not all $0.0000.
    expect(currencyAxis(0.00004, true)).toEqual({ format: '$,.6f' });
  });

  it('formats amounts for labels', () => {
    expect(formatUsd(3163.108)).toBe('$3,163');
    expect(formatUsd(2_701_311)).toBe('$2.70M');
    // 0.0021086: −log10 = 2.68 → ceil 3, + 2 = 5 decimals.
    expect(formatUsd(0.0021086, true)).toBe('$0.00211');
  });

  it('labels months from the start month, across year ends', () => {
    expect(monthLabelAt('2027-01', 1)).toBe('Jan 2027');
    expect(monthLabelAt('2027-11', 3)).toBe('Jan 2028');
    // The axis expression carries only numbers parsed from the start month (month index 10 = Nov).
    expect(monthAxisLabelExpr('2027-11', 'Start')).toBe(`datum.value == 0 ? "Start" : utcFormat(utc(2027, 10 + datum.value - 1, 1), '%b %Y')`);
    expect(monthAxisLabelExpr('not-a-month', null)).toBe(`'Month ' + datum.value`);
  });
});
