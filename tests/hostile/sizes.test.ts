/**
 * Issue 13, "internal errors with no line or column" and "a long scenario name blows up the
 * charts": depth, size and length limits are problems with a position; titles are cut.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/cli/run-command.js';
import { buildCharts } from '../../src/report/charts/index.js';
import { fitTitle, MAX_TITLE_PX } from '../../src/report/charts/common.js';
import { renderSvg } from '../../src/render/render.js';
import { dejavuTextWidth } from '../../src/render/dejavu-metrics.js';
import { MAX_SCENARIO_BYTES } from '../../src/scenario/limits.js';
import { parseScenarioText } from '../../src/scenario/source-map.js';
import { loadFixture } from '../report/fixture.js';
import { BASE_YAML, folderWith } from './helpers.js';

describe('depth limits', () => {
  it('JSON nested 5,000 deep is a problem at the 65th level, not a stack overflow', () => {
    const text = `{"version":1,"name":"x","vars":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const r = parseScenarioText(text, 'deep.json');
    expect(r.problems).toHaveLength(1);
    // "vars": starts the list at column 32; the 65th nested list opens 64 characters later.
    expect(r.problems[0]).toMatchObject({ line: 1, column: 32 + 64, message: expect.stringContaining('nested more than 64 levels') });
  });

  it('a YAML block nested 2,000 deep, or flow lists 5,000 deep, is one problem with a line', () => {
    let block = 'version: 1\nname: deep\nvars:\n';
    for (let i = 0; i < 2000; i++) block += `${'  '.repeat(i + 1)}k${i}:\n`;
    for (const text of [block, `version: 1\nname: x\nvars: ${'['.repeat(5000)}${']'.repeat(5000)}\n`]) {
      const r = parseScenarioText(text, 'deep.yaml');
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]!.message).toContain('nested more than 64 levels');
      expect(r.problems[0]!.line).toBeGreaterThan(0);
    }
  });

  it('a YAML mapping nested 100 deep (which yaml parses) is refused at the 65th level', () => {
    let text = 'version: 1\nname: deep\nvars:\n';
    for (let i = 0; i < 100; i++) text += `${'  '.repeat(i + 1)}k${i}:\n`;
    const r = parseScenarioText(text, 'deep.yaml');
    // vars is level 1 (line 3); its child k0 starts level 2 on line 4: level 65 is on line 4 + 63.
    expect(r.problems[0]).toMatchObject({ line: 67, message: expect.stringContaining('64 levels') });
  });
});

describe('size and length limits', () => {
  it('a 100,000-character id, a 1,000-character name or key: a problem at its line', async () => {
    const dir = folderWith({
      'id.yaml': BASE_YAML.replace('gpt-4.1-mini', 'x'.repeat(100_000)),
      'name.yaml': BASE_YAML.replace('name: base', `name: ${'N'.repeat(1000)}`),
      'key.yaml': `${BASE_YAML}strategies:\n  ${'k'.repeat(1000)}: { kind: rag }\n`,
    });
    const r = await validateCommand([dir], {});
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('id.yaml:7:22: models.generator: this text is 100,000 characters long; here at most 200 are allowed');
    expect(r.stderr).toContain('name.yaml:2:7: name: this text is 1,000 characters long; here at most 200');
    expect(r.stderr).toMatch(/key\.yaml:9:3: strategies\["k{40}…"\]: this key is 1,000 characters long; a key is at most 200/);
    expect(r.stderr.length).toBeLessThan(2_000);
  });

  it('a --set value or key over the length limit says "(set on the command line)", with no line of the file', async () => {
    const dir = folderWith({ 'base.yaml': BASE_YAML });
    const file = path.join(dir, 'base.yaml');
    // name: base is on line 2 of the file, but the 1,000-character name comes from --set.
    const value = await validateCommand([file], { set: [`name=${'N'.repeat(1000)}`] });
    expect(value.exitCode).toBe(1);
    expect(value.stderr).toContain('base.yaml: name: this text is 1,000 characters long; here at most 200 are allowed');
    expect(value.stderr).toContain('(set on the command line)');
    expect(value.stderr).not.toContain('base.yaml:2:');
    const key = await validateCommand([file], { set: [`strategies.${'k'.repeat(1000)}.kind=rag`] });
    expect(key.stderr).toMatch(/strategies\["k{40}…"\]: this key is 1,000 characters long; a key is at most 200[^\n]*\(set on the command line\)/);
  });

  it('a file over the size limit is refused before it is read', async () => {
    const dir = folderWith({});
    const file = path.join(dir, 'big.yaml');
    writeFileSync(file, `${BASE_YAML}description: "${'d'.repeat(MAX_SCENARIO_BYTES)}"\n`);
    const r = await validateCommand([file], {});
    expect(r.stderr).toContain(`is at most ${MAX_SCENARIO_BYTES.toLocaleString('en-US')} bytes`);
  });
});

describe('chart titles', () => {
  it('fitTitle cuts to the width with an ellipsis and leaves short titles alone', () => {
    expect(fitTitle('Help center: cost per query', 16)).toBe('Help center: cost per query');
    const cut = fitTitle('W'.repeat(1000), 16);
    expect(cut.endsWith('…')).toBe(true);
    expect(dejavuTextWidth(cut, 16, 'bold')).toBeLessThanOrEqual(MAX_TITLE_PX);
    expect(dejavuTextWidth(`${cut.slice(0, -1)}W…`, 16, 'bold')).toBeGreaterThan(MAX_TITLE_PX); // the longest that fits
  });

  it('a 10,000-character scenario name draws charts no wider than a short one', async () => {
    const short = loadFixture('help-center-rag');
    const long = loadFixture('help-center-rag');
    long.scenario.name = 'W'.repeat(10_000);
    const widthOf = async (p: typeof short) => {
      const spec = buildCharts(p)[0]!.spec;
      const svg = await renderSvg(spec); // the PNG is drawn at the SVG's size (×2)
      return Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)![1]);
    };
    const [a, b] = [await widthOf(short), await widthOf(long)];
    expect(b).toBeLessThanOrEqual(Math.max(a, MAX_TITLE_PX + 2 * 12)); // was 27,000 px for 1,000 characters (12 px padding each side)
  });
});
