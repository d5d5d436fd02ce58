/**
 * `--format focus` against the FOCUS 1.2 specification
 * (github.com/FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec, tag v1.2, specification/columns/*.md
 * and specification/attributes/*.md). Each column's presence, data type, nullability and
 * allowed values are checked against the spec's "Content Constraints" table and requirement
 * list of that column, cited by file below; the figures against the hand-worked fixtures.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { FOCUS_COLUMNS, FOCUS_CUSTOM_COLUMNS, focusNumber, focusOmissions, focusUnit, monthStart, renderFocus } from '../../src/report/focus.js';
import { DOCS, runTexts, SUPPORT } from '../diff/fixtures.js';

/** RFC 4180: fields separated by commas, quoted with "", CRLF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

type Type = 'Decimal' | 'Date/Time' | 'String';
interface Spec {
  /** The spec file the constraints come from (tag v1.2). */
  file: string;
  level: 'Mandatory' | 'Recommended' | 'Conditional';
  type: Type;
  nulls: boolean;
  allowed?: readonly string[];
}

// From each column's "Content Constraints" table (Feature level, Allows nulls, Data type) and
// "Allowed values" table in specification/columns/<file> at v1.2.
const SPEC: Record<string, Spec> = {
  BilledCost: { file: 'billedcost.md', level: 'Mandatory', type: 'Decimal', nulls: false },
  BillingAccountId: { file: 'billingaccountid.md', level: 'Mandatory', type: 'String', nulls: false },
  BillingAccountName: { file: 'billingaccountname.md', level: 'Mandatory', type: 'String', nulls: true },
  BillingCurrency: { file: 'billingcurrency.md', level: 'Mandatory', type: 'String', nulls: false },
  BillingPeriodEnd: { file: 'billingperiodend.md', level: 'Mandatory', type: 'Date/Time', nulls: false },
  BillingPeriodStart: { file: 'billingperiodstart.md', level: 'Mandatory', type: 'Date/Time', nulls: false },
  ChargeCategory: { file: 'chargecategory.md', level: 'Mandatory', type: 'String', nulls: false, allowed: ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'] },
  ChargeClass: { file: 'chargeclass.md', level: 'Mandatory', type: 'String', nulls: true, allowed: ['Correction'] },
  ChargeDescription: { file: 'chargedescription.md', level: 'Mandatory', type: 'String', nulls: true },
  ChargeFrequency: { file: 'chargefrequency.md', level: 'Recommended', type: 'String', nulls: false, allowed: ['One-Time', 'Recurring', 'Usage-Based'] },
  ChargePeriodEnd: { file: 'chargeperiodend.md', level: 'Mandatory', type: 'Date/Time', nulls: false },
  ChargePeriodStart: { file: 'chargeperiodstart.md', level: 'Mandatory', type: 'Date/Time', nulls: false },
  ConsumedQuantity: { file: 'consumedquantity.md', level: 'Conditional', type: 'Decimal', nulls: true },
  ConsumedUnit: { file: 'consumedunit.md', level: 'Conditional', type: 'String', nulls: true },
  ContractedCost: { file: 'contractedcost.md', level: 'Mandatory', type: 'Decimal', nulls: false },
  ContractedUnitPrice: { file: 'contractedunitprice.md', level: 'Conditional', type: 'Decimal', nulls: true },
  EffectiveCost: { file: 'effectivecost.md', level: 'Mandatory', type: 'Decimal', nulls: false },
  InvoiceIssuerName: { file: 'invoiceissuer.md', level: 'Mandatory', type: 'String', nulls: false },
  ListCost: { file: 'listcost.md', level: 'Mandatory', type: 'Decimal', nulls: false },
  ListUnitPrice: { file: 'listunitprice.md', level: 'Conditional', type: 'Decimal', nulls: true },
  PricingCategory: { file: 'pricingcategory.md', level: 'Conditional', type: 'String', nulls: true, allowed: ['Standard', 'Dynamic', 'Committed', 'Other'] },
  PricingQuantity: { file: 'pricingquantity.md', level: 'Mandatory', type: 'Decimal', nulls: true },
  PricingUnit: { file: 'pricingunit.md', level: 'Mandatory', type: 'String', nulls: true },
  ProviderName: { file: 'provider.md', level: 'Mandatory', type: 'String', nulls: false },
  PublisherName: { file: 'publisher.md', level: 'Mandatory', type: 'String', nulls: false },
  ServiceCategory: {
    file: 'servicecategory.md',
    level: 'Mandatory',
    type: 'String',
    nulls: false,
    allowed: ['AI and Machine Learning', 'Analytics', 'Business Applications', 'Compute', 'Databases', 'Developer Tools', 'Multicloud', 'Identity', 'Integration', 'Internet of Things', 'Management and Governance', 'Media', 'Migration', 'Mobile', 'Networking', 'Security', 'Storage', 'Web', 'Other'],
  },
  ServiceName: { file: 'servicename.md', level: 'Mandatory', type: 'String', nulls: false },
  ServiceSubcategory: { file: 'servicesubcategory.md', level: 'Recommended', type: 'String', nulls: false },
  SubAccountId: { file: 'subaccountid.md', level: 'Conditional', type: 'String', nulls: true },
  SubAccountName: { file: 'subaccountname.md', level: 'Conditional', type: 'String', nulls: true },
};

/** The 1.2 Mandatory columns (Feature level "Mandatory" in specification/columns/*.md at v1.2). */
const MANDATORY_1_2 = [
  'BilledCost', 'BillingAccountId', 'BillingAccountName', 'BillingCurrency', 'BillingPeriodEnd', 'BillingPeriodStart',
  'ChargeCategory', 'ChargeClass', 'ChargeDescription', 'ChargePeriodEnd', 'ChargePeriodStart', 'ContractedCost',
  'EffectiveCost', 'InvoiceIssuerName', 'ListCost', 'PricingQuantity', 'PricingUnit', 'ProviderName', 'PublisherName',
  'ServiceCategory', 'ServiceName',
];

/** servicesubcategory.md's table: subcategory → its one parent category (the pairs costsim uses, and a wrong one). */
const SUBCATEGORY_PARENT: Record<string, string> = {
  'Generative AI': 'AI and Machine Learning',
  'Other (AI and Machine Learning)': 'AI and Machine Learning',
  'Other (Databases)': 'Databases',
};

// attributes/numeric_format.md: an integer, a decimal or "mEn"; no "+", no commas, no units.
const NUMERIC = /^-?(\d+(\.\d+)?|\.\d+)(E-?\d+)?$/;
// attributes/datetime_format.md: UTC, extended ISO 8601, 'YYYY-MM-DDTHH:mm:ssZ'.
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('FOCUS 1.2 export', async () => {
  const catalog = loadCatalog();
  const run = await runTexts({ 'support.yaml': SUPPORT, 'docs.yaml': DOCS });
  const csv = renderFocus(run.results, catalog);
  const [header = [], ...rows] = parseCsv(csv);
  const col = (row: string[], name: string) => row[header.indexOf(name)]!;

  it('has every Mandatory column of 1.2, and each column it writes is one the spec defines', () => {
    for (const c of MANDATORY_1_2) expect(header, c).toContain(c);
    for (const c of FOCUS_COLUMNS) expect(Object.keys(SPEC), c).toContain(c);
    // The Recommended columns the issue names are there too.
    expect(header).toEqual(expect.arrayContaining(['ChargeFrequency', 'ServiceSubcategory', 'ListUnitPrice']));
  });

  it('puts custom columns after the FOCUS ones, each prefixed x_ (attributes/column_handling.md)', () => {
    const firstCustom = header.findIndex((h) => h.startsWith('x_'));
    expect(header.slice(0, firstCustom)).toEqual([...FOCUS_COLUMNS]);
    expect(header.slice(firstCustom)).toEqual([...FOCUS_CUSTOM_COLUMNS]);
    for (const h of header.slice(firstCustom)) expect(h).toMatch(/^x_[A-Z][A-Za-z]*$/);
    for (const h of FOCUS_COLUMNS) expect(h).toMatch(/^[A-Z][A-Za-z]*$/); // Pascal case, alphanumeric
  });

  it('gives every cell its spec type, nullability and allowed values', () => {
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toHaveLength(header.length);
      for (const [name, spec] of Object.entries(SPEC)) {
        const v = col(row, name);
        const where = `${name} (${spec.file}) in ${row.join(',')}`;
        if (v === '') {
          expect(spec.nulls, where).toBe(true); // CSV null is the empty field (attributes/null_handling.md)
          continue;
        }
        if (spec.type === 'Decimal') expect(v, where).toMatch(NUMERIC);
        if (spec.type === 'Date/Time') expect(v, where).toMatch(DATETIME);
        if (spec.allowed) expect(spec.allowed, where).toContain(v);
      }
      // billingcurrency.md: an ISO 4217 national currency.
      expect(col(row, 'BillingCurrency')).toBe('USD');
      // servicesubcategory.md: one of the allowed values, with its one parent category.
      expect(SUBCATEGORY_PARENT[col(row, 'ServiceSubcategory')]).toBe(col(row, 'ServiceCategory'));
      // chargefrequency.md: not "Usage-Based" when ChargeCategory is "Purchase".
      if (col(row, 'ChargeCategory') === 'Purchase') expect(col(row, 'ChargeFrequency')).not.toBe('Usage-Based');
      // pricingquantity.md, listunitprice.md, contractedunitprice.md, pricingcategory.md: not null for Usage/Purchase.
      for (const c of ['PricingQuantity', 'PricingUnit', 'ListUnitPrice', 'ContractedUnitPrice', 'PricingCategory']) expect(col(row, c), c).not.toBe('');
      // consumedquantity.md / consumedunit.md: null unless Usage, then both present.
      const usage = col(row, 'ChargeCategory') === 'Usage';
      expect(col(row, 'ConsumedQuantity') !== '').toBe(usage);
      expect(col(row, 'ConsumedUnit') !== '').toBe(usage);
      // listcost.md: ListUnitPrice × PricingQuantity = ListCost (and the same for contracted).
      const q = Number(col(row, 'PricingQuantity'));
      expect(Number(col(row, 'ListUnitPrice')) * q).toBeCloseTo(Number(col(row, 'ListCost')), 9);
      expect(Number(col(row, 'ContractedUnitPrice')) * q).toBeCloseTo(Number(col(row, 'ContractedCost')), 9);
      // chargeperiodend.md: the exclusive end bound, here one calendar month after the start.
      expect(col(row, 'ChargePeriodEnd')).toBe(monthStart(col(row, 'ChargePeriodStart').slice(0, 7), 1));
      expect(col(row, 'x_Projected')).toBe('true');
      expect(col(row, 'x_CatalogAsOf')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('prices the Support bot by hand: tokens × list price, month by month', () => {
    // 100k queries × 1,000 input tokens = 1e8 tokens at $0.40/1M = $40 a month;
    // 100k × 100 output tokens = 1e7 tokens at $1.60/1M = $16. Three months, nothing one-time.
    const support = rows.filter((r) => col(r, 'x_Scenario') === 'Support bot');
    expect(support).toHaveLength(2 * 3);
    const jan = support.filter((r) => col(r, 'ChargePeriodStart') === '2027-01-01T00:00:00Z');
    const input = jan.find((r) => col(r, 'PricingQuantity') === '100000000')!;
    expect(Number(col(input, 'BilledCost'))).toBeCloseTo(40, 9);
    expect(Number(col(input, 'ListUnitPrice'))).toBeCloseTo(0.4e-6, 18);
    expect(col(input, 'PricingUnit')).toBe('Tokens');
    expect(col(input, 'ChargeFrequency')).toBe('Usage-Based');
    expect(col(input, 'ProviderName')).toBe('OpenAI');
    expect(col(input, 'ServiceName')).toBe('gpt-4.1-mini');
    expect(col(input, 'BillingPeriodEnd')).toBe('2027-02-01T00:00:00Z');
    const total = support.reduce((a, r) => a + Number(col(r, 'BilledCost')), 0);
    expect(total).toBeCloseTo(3 * 56, 9);
    // Each strategy's rows add up to its horizon total (one-time items included, in month 1).
    for (const p of run.results) {
      for (const s of p.strategies) {
        const sum = rows.filter((r) => col(r, 'x_Scenario') === p.scenario.name && col(r, 'x_Strategy') === s.id).reduce((a, r) => a + Number(col(r, 'BilledCost')), 0);
        expect(sum).toBeCloseTo(s.total_usd!, 6);
      }
    }
  });

  it('marks the recommended strategy, and leaves out (and lists) what has no price', async () => {
    const docs = rows.filter((r) => col(r, 'x_Scenario') === 'Docs assistant');
    expect(new Set(docs.filter((r) => col(r, 'x_Recommended') === 'true').map((r) => col(r, 'x_Strategy')))).toEqual(new Set(['prompt_only']));
    // A private model whose output price the catalog file does not give: unknown, not 0.
    const unpriced = SUPPORT.replace('strategies:', 'models: { generator: our-model }\nstrategies:');
    const u = await runTexts({ 'u.yaml': unpriced }, 'source: { name: "test", as_of: "2026-12-01" }\nmodels:\n  our-model: { provider: private, mode: chat, input_usd_per_1m: 1 }\n');
    const text = renderFocus(u.results, catalog);
    expect(text).not.toMatch(/Output tokens/); // no price, no cost: FOCUS has no unknown cost
    expect(text).toMatch(/Input tokens/);
    expect(focusOmissions(u.results)).toEqual([{ scenario: 'Support bot', strategy: 'prompt_only', item: 'Output tokens' }]);
  });

  it('neutralises user text and writes numbers in Numeric Format', async () => {
    const evil = SUPPORT.replace('name: Support bot', 'name: "=HYPERLINK(\\"http://e\\",\\"x\\")"');
    const e = await runTexts({ 'e.yaml': evil });
    const text = renderFocus(e.results, catalog);
    expect(text).toContain(`"'=HYPERLINK(""http://e"",""x"")"`);
    expect(focusNumber(1e-7)).toBe('1E-7');
    expect(focusNumber(2.5e21)).toBe('2.5E21');
    expect(focusNumber(-0)).toBe('0');
    expect(focusUnit('GB-month')).toBe('GB-Months');
    expect(focusUnit('engineer weeks')).toBe('Engineer Weeks');
    expect(monthStart('2027-12', 1)).toBe('2028-01-01T00:00:00Z');
  });
});
