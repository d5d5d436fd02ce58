/**
 * `--format focus`: the projection as a FOCUS 1.2 CSV, for FinOps tools (FinOps Open Cost and
 * Usage Specification, https://github.com/FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec, tag v1.2;
 * section names below are the spec's).
 *
 * Rows: one per month × strategy × recurring line item (its `cost_usd_by_month`), plus one
 * per one-time item, in month 1, with ChargeFrequency "One-Time". Strategies are alternative
 * futures, not additive charges: filter on `x_Strategy` (or `x_Recommended` = true) before
 * summing.
 *
 * Columns: the 1.2 Mandatory columns, the Recommended ChargeFrequency and ServiceSubcategory,
 * the Conditional ListUnitPrice, ContractedUnitPrice, ConsumedQuantity/Unit and
 * PricingCategory, then the custom columns (Column Handling: prefixed `x_`, after the FOCUS
 * columns): x_Scenario, x_ScenarioFile, x_Strategy, x_StrategyKind, x_Recommended,
 * x_LineItemId, x_CostCategory, x_Month, x_Projected (always true: a projection, not a bill)
 * and x_CatalogAsOf.
 *
 * Choices the spec leaves to the data generator:
 *  - Costs: a projection at list prices, so BilledCost = EffectiveCost = ListCost =
 *    ContractedCost = the line item's cost (no negotiated or commitment discounts).
 *  - A line item whose price is unknown has no cost, and FOCUS allows neither a null cost
 *    nor a placeholder 0 (BilledCost "MUST NOT be null"; Null Handling: no "placeholder
 *    values such as 0"), so it is left out, and `focusOmissions` lists it for stderr.
 *  - Billing period = charge period = the calendar month (UTC), `YYYY-MM-01T00:00:00Z` to
 *    the next month's first day (Date/Time Format; end bounds exclusive).
 *  - BillingAccountId, BillingAccountName and SubAccount columns: the scenario (its file and
 *    name), since the projection has no account; InvoiceIssuerName = the provider.
 *  - ProviderName/PublisherName: the provider of the catalog entry the item is priced from;
 *    "Self-hosted" for GPU hours (and models a self-hosted strategy trains); "Scenario-defined"
 *    for a model or store the catalog does not have (its prices come from the scenario);
 *    "In-house" for engineering and curation, which no provider bills. ServiceName: the
 *    model, fine-tuned model or vector store id.
 *  - ServiceCategory "AI and Machine Learning" / ServiceSubcategory "Generative AI" for model
 *    charges; "Databases" / "Other (Databases)" for vector stores; "AI and Machine Learning" /
 *    "Other (AI and Machine Learning)" for engineering and curation.
 *  - ChargeCategory "Usage" for everything metered, "Purchase" for one-time engineering and
 *    curation and for a fixed monthly plan; ChargeFrequency "Usage-Based" for per-query
 *    items, "Recurring" for monthly ones, "One-Time" for one-time ones.
 *
 * Text cells go through csv.ts's `textCell` (spreadsheet formula neutralising, RFC 4180
 * quoting); numbers follow Numeric Format (no `+`, E notation with an upper-case `E`).
 */
import type { Catalog } from '../catalog/types.js';
import type { LineItem, Projection, StrategyResult } from '../model/types.js';
import { quoteField, textCell } from './csv.js';

export const FOCUS_COLUMNS = [
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'ListUnitPrice',
  'PricingCategory',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'ServiceCategory',
  'ServiceName',
  'ServiceSubcategory',
  'SubAccountId',
  'SubAccountName',
] as const;

export const FOCUS_CUSTOM_COLUMNS = [
  'x_Scenario',
  'x_ScenarioFile',
  'x_Strategy',
  'x_StrategyKind',
  'x_Recommended',
  'x_LineItemId',
  'x_CostCategory',
  'x_Month',
  'x_Projected',
  'x_CatalogAsOf',
] as const;

type Column = (typeof FOCUS_COLUMNS)[number] | (typeof FOCUS_CUSTOM_COLUMNS)[number];
type Row = Record<Column, string>;

/** Display names of the catalog's provider keys (LiteLLM's), as the providers write them. */
const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  gemini: 'Google',
  vertex_ai: 'Google',
  cohere: 'Cohere',
  voyage: 'Voyage AI',
  mistral: 'Mistral AI',
  deepseek: 'DeepSeek',
  xai: 'xAI',
  groq: 'Groq',
  jina: 'Jina AI',
  azure: 'Microsoft',
  azure_ai: 'Microsoft',
  bedrock: 'Amazon Web Services',
};

/** Who sells a catalog vector store, by its id's prefix (the catalog's store entries carry no provider). */
const STORE_PROVIDERS: readonly [string, string][] = [
  ['pinecone', 'Pinecone'],
  ['pgvector', 'Rivestack'], // the catalog's pgvector plans are Rivestack's managed plans (src/catalog/data/vector-stores.json)
];

/** Pricing units in Unit Format: capitalised plural count nouns, `GB-Months` for data over time. */
const UNITS: Readonly<Record<string, string>> = {
  tokens: 'Tokens',
  'read units': 'Read Units',
  'write units': 'Write Units',
  'GB-month': 'GB-Months',
  queries: 'Queries',
  searches: 'Searches',
  months: 'Months',
  hours: 'Hours',
  'GPU-hours': 'GPU-Hours',
  runs: 'Runs',
  examples: 'Examples',
  'engineer-weeks': 'Engineer-Weeks',
  USD: 'USD',
};

/** A unit the table does not know: each word capitalised (Unit Format's count-noun rule). */
export function focusUnit(unit: string): string {
  return UNITS[unit] ?? unit.replace(/(^|[\s-])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/** Numeric Format: a plain decimal or `mEn` (no `+`, upper-case `E`); never non-finite. */
export function focusNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`FOCUS output: non-finite number ${x}`);
  if (Object.is(x, -0)) return '0';
  return String(x).replace('e+', 'E').replace('e', 'E');
}

/** `2027-01` → `2027-01-01T00:00:00Z`, and the first day of the month `offset` months later. */
export function monthStart(label: string, offset = 0): string {
  const [y, m] = label.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + offset;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01T00:00:00Z`;
}

interface Seller {
  provider: string;
  service: string;
  category: string;
  subcategory: string;
}

const AI = 'AI and Machine Learning';

/** Who bills a line item, from its id's prefix and the catalog entries the strategy used. */
function seller(item: LineItem, s: StrategyResult, catalog: Catalog | undefined): Seller {
  const id = (item as { id?: string }).id ?? '';
  // A model the catalog does not have is priced by the scenario (inline prices): the scenario
  // is all we know of who sells it; a strategy on its own GPUs is self-hosted.
  const selfHosted = s.line_items.some((i) => (i as { id?: string }).id === 'hosting.gpus');
  const model = (modelId: string | undefined): Seller => {
    const entry = modelId === undefined ? undefined : catalog?.models[modelId];
    const key = entry?.provider;
    const provider = key === undefined ? (selfHosted ? 'Self-hosted' : 'Scenario-defined') : (PROVIDER_NAMES[key] ?? key);
    return { provider, service: modelId ?? 'unknown model', category: AI, subcategory: 'Generative AI' };
  };
  if (id.startsWith('engineering.') || id.startsWith('curation.') || item.category === 'engineering' || item.category === 'curation') {
    return { provider: 'In-house', service: item.category === 'curation' ? 'Dataset curation' : 'Engineering', category: AI, subcategory: `Other (${AI})` };
  }
  if (id === 'hosting.gpus') return { provider: 'Self-hosted', service: s.models.generator, category: AI, subcategory: 'Generative AI' };
  if (id.startsWith('store.')) {
    const store = s.models.vector_store ?? 'unknown vector store';
    const known = STORE_PROVIDERS.find(([prefix]) => store.startsWith(prefix));
    const provider = known !== undefined && catalog?.vector_stores[store] !== undefined ? known[1] : 'Scenario-defined';
    return { provider, service: store, category: 'Databases', subcategory: 'Other (Databases)' };
  }
  if (id.startsWith('rerank.')) return model(s.models.reranker);
  if (id === 'retrieval.query_embedding' || id.startsWith('indexing.')) return model(s.models.embedding);
  if (id.startsWith('training.') || id.startsWith('hosting.')) {
    const m = model(s.models.generator);
    return { ...m, service: s.models.fine_tuning ?? m.service };
  }
  // inference.*: the generator (its fine-tuned form for fine_tuning and hybrid).
  const m = model(s.models.generator);
  return id.startsWith('inference.') && s.models.fine_tuning !== undefined ? { ...m, service: s.models.fine_tuning } : m;
}

function chargeKind(item: LineItem): { category: string; frequency: string } {
  if (item.period === 'one_time') {
    return { category: item.category === 'engineering' || item.category === 'curation' ? 'Purchase' : 'Usage', frequency: 'One-Time' };
  }
  if (item.period === 'per_query') return { category: 'Usage', frequency: 'Usage-Based' };
  // A fixed plan fee is bought, not metered.
  return { category: (item as { id?: string }).id === 'store.plan' ? 'Purchase' : 'Usage', frequency: 'Recurring' };
}

/** An item left out of the FOCUS file because its price is unknown. */
interface FocusOmission {
  scenario: string;
  strategy: string;
  item: string;
}

type Priced = LineItem & { quantity_by_month?: number[]; cost_usd_by_month?: (number | null)[] };

/** Each (month label, quantity, cost) the item is billed in; one-time items in month 1. */
function charges(item: Priced, s: StrategyResult): { month: number; label: string; quantity: number; cost: number | null }[] {
  const first = s.monthly[0];
  if (item.period === 'one_time') return first ? [{ month: 1, label: first.label, quantity: item.quantity, cost: item.cost_usd }] : [];
  const q = item.quantity_by_month;
  const c = item.cost_usd_by_month;
  if (q === undefined || c === undefined) throw new Error(`FOCUS output: line item "${item.name}" has no month-by-month costs (a projection from an older costsim)`);
  return s.monthly.map((m, i) => ({ month: m.month, label: m.label, quantity: q[i] ?? 0, cost: c[i] ?? null }));
}

function rowsOf(p: Projection, catalog: Catalog | undefined, omitted: FocusOmission[]): Row[] {
  const rows: Row[] = [];
  for (const s of p.strategies) {
    for (const item of s.line_items as Priced[]) {
      const who = seller(item, s, catalog);
      const kind = chargeKind(item);
      for (const ch of charges(item, s)) {
        if (ch.cost === null || item.unit_price_usd === null) {
          if (!omitted.some((o) => o.scenario === p.scenario.name && o.strategy === s.id && o.item === item.name)) {
            omitted.push({ scenario: p.scenario.name, strategy: s.id, item: item.name });
          }
          continue;
        }
        const cost = focusNumber(ch.cost);
        const unit = textCell(focusUnit(item.unit));
        const start = monthStart(ch.label);
        const end = monthStart(ch.label, 1);
        rows.push({
          BilledCost: cost,
          BillingAccountId: textCell(p.scenario.file),
          BillingAccountName: textCell(p.scenario.name),
          BillingCurrency: 'USD',
          BillingPeriodEnd: end,
          BillingPeriodStart: start,
          ChargeCategory: kind.category,
          ChargeClass: '',
          ChargeDescription: textCell(item.name),
          ChargeFrequency: kind.frequency,
          ChargePeriodEnd: end,
          ChargePeriodStart: start,
          ConsumedQuantity: kind.category === 'Usage' ? focusNumber(ch.quantity) : '',
          ConsumedUnit: kind.category === 'Usage' ? unit : '',
          ContractedCost: cost,
          ContractedUnitPrice: focusNumber(item.unit_price_usd),
          EffectiveCost: cost,
          InvoiceIssuerName: textCell(who.provider),
          ListCost: cost,
          ListUnitPrice: focusNumber(item.unit_price_usd),
          PricingCategory: 'Standard',
          PricingQuantity: focusNumber(ch.quantity),
          PricingUnit: unit,
          ProviderName: textCell(who.provider),
          PublisherName: textCell(who.provider),
          ServiceCategory: quoteField(who.category),
          ServiceName: textCell(who.service),
          ServiceSubcategory: quoteField(who.subcategory),
          SubAccountId: textCell(`${p.scenario.file}#${s.id}`),
          SubAccountName: textCell(`${p.scenario.name} · ${s.id}`),
          x_Scenario: textCell(p.scenario.name),
          x_ScenarioFile: textCell(p.scenario.file),
          x_Strategy: textCell(s.id),
          x_StrategyKind: s.kind,
          x_Recommended: p.verdict.recommended === s.id ? 'true' : 'false',
          x_LineItemId: textCell((item as { id?: string }).id ?? item.name),
          x_CostCategory: item.category,
          x_Month: String(ch.month),
          x_Projected: 'true',
          x_CatalogAsOf: p.catalog.as_of,
        });
      }
    }
  }
  return rows;
}

/** The FOCUS CSV of one or more projections (one header, CRLF line ends). */
export function renderFocus(projections: readonly Projection[], catalog?: Catalog): string {
  const columns: Column[] = [...FOCUS_COLUMNS, ...FOCUS_CUSTOM_COLUMNS];
  const lines = [columns.join(',')];
  for (const p of projections) for (const row of rowsOf(p, catalog, [])) lines.push(columns.map((c) => row[c]).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Line items left out because their price is unknown (FOCUS has no unknown cost). */
export function focusOmissions(projections: readonly Projection[]): FocusOmission[] {
  const omitted: FocusOmission[] = [];
  for (const p of projections) rowsOf(p, undefined, omitted);
  return omitted;
}

/** Lines for stderr naming the line items left out of the FOCUS file; '' when none. */
export function focusNotes(projections: readonly Projection[]): string {
  return focusOmissions(projections)
    .map((o) => `focus: ${o.scenario} · ${o.strategy}: "${o.item}" has no known price and is left out (FOCUS has no unknown cost)\n`)
    .join('');
}
