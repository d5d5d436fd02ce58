import { describe, expect, it } from 'vitest';
import { chartTitle, folderNamer, scenarioFolderName, scenarioOutputFiles, slug } from '../../src/report/outputs.js';
import { loadFixture, tinyProjection } from './fixture.js';

const chart = (name: string) => ({
  name,
  svg: `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect id="clip1" width="10" height="10"/></svg>`,
  png: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  vl: '{"mark":"bar"}',
});

describe('scenarioOutputFiles', () => {
  it('lays out the folder of docs/model.md §13', () => {
    const files = scenarioOutputFiles(loadFixture('invoice-extraction-ft'), [chart('monthly-spend'), chart('latency-distribution')]);
    expect(files.map((f) => f.path)).toEqual([
      'projection.json',
      'summary.md',
      'costs.csv',
      'line-items.csv',
      'report.html',
      'charts/monthly-spend.svg',
      'charts/monthly-spend.png',
      'charts/monthly-spend.vl.json',
      'charts/latency-distribution.svg',
      'charts/latency-distribution.png',
      'charts/latency-distribution.vl.json',
    ]);
    const byPath = new Map(files.map((f) => [f.path, f.data]));
    expect(JSON.parse(byPath.get('projection.json') as string).schema).toBe('costsim.projection/v1');
    expect(byPath.get('charts/monthly-spend.png')).toBeInstanceOf(Uint8Array);
    expect(byPath.get('charts/monthly-spend.vl.json')).toBe('{"mark":"bar"}\n');
    const html = byPath.get('report.html') as string;
    expect(html).toContain('aria-label="Monthly spend by category"');
    expect(html).toContain('id="c1-clip1"'); // the second chart's ids are scoped
  });

  it('keeps chart names inside charts/ and refuses a collision', () => {
    const files = scenarioOutputFiles(tinyProjection(), [chart('../../etc/passwd')]);
    for (const f of files) {
      expect(f.path).not.toMatch(/\.\.|^\/|\\/);
    }
    expect(files.map((f) => f.path)).toContain('charts/etc-passwd.svg');
    expect(() => scenarioOutputFiles(tinyProjection(), [chart('a b'), chart('a/b')])).toThrow(/charts\/a-b/);
    expect(() => scenarioOutputFiles(tinyProjection(), [chart('..')])).toThrow(/no usable characters/);
  });
});

describe('folder names', () => {
  const named = (file: string, name = 'Tiny') => {
    const p = tinyProjection();
    p.scenario.file = file;
    p.scenario.name = name;
    return p;
  };

  it('slugs the scenario file name', () => {
    expect(scenarioFolderName(named('scenarios/support-assistant.yaml'))).toBe('support-assistant');
    expect(scenarioFolderName(named('C:\\work\\Café Q&A.JSON'))).toBe('cafe-q-a');
    expect(scenarioFolderName(named('../../..'))).toBe('tiny'); // nothing usable in the file name: the scenario name
    expect(scenarioFolderName(named('.yaml', '<script>'))).toBe('script');
    expect(scenarioFolderName(named('///', '..'))).toBe('scenario');
    expect(scenarioFolderName(named('x/con.yaml'))).toBe('con-scenario');
    expect(slug('a'.repeat(200)).length).toBe(80);
  });

  it('never yields separators, dots or an empty name', () => {
    for (const f of ['a/b/c.yml', '..\\..\\x.yaml', 'évil/../../.hidden.json', ' ', '💸.yaml']) {
      const n = scenarioFolderName(named(f));
      expect(n).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
    }
  });

  it('makes batch folder names unique', () => {
    const ps = [named('a/support.yaml'), named('b/support.yaml'), named('support.json'), named('support-2.yaml')];
    expect(ps.map(folderNamer())).toEqual(['support', 'support-2', 'support-3', 'support-2-2']);
  });

  it('titles charts', () => {
    expect(chartTitle('cost-per-query')).toBe('Cost per query by category');
    expect(chartTitle('my_extra-chart')).toBe('My extra chart');
  });
});
