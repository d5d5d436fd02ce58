/**
 * The JSON Schema ships as a file (package.json "files": schema/scenario.schema.json) and
 * `costsim init` points VS Code's YAML extension at it with a `# yaml-language-server:
 * $schema=<path>` first line, the path relative to the scenario file (how the language server
 * resolves it: redhat-developer/yaml-language-server PR #499).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaModeline, SHIPPED_SCHEMA } from '../../src/cli/init-command.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';

const dir = mkdtempSync(path.join(tmpdir(), 'costsim-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the shipped JSON Schema', () => {
  it('is the zod schema, generated', () => {
    expect(readFileSync('schema/scenario.schema.json', 'utf8')).toBe(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
    expect(SHIPPED_SCHEMA).toBe(path.resolve('schema/scenario.schema.json'));
  });

  it('is in the package npm would publish', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toContain('schema/scenario.schema.json');
    expect(files).toContain('dist/bin/costsim.js'); // package.json's bin
    expect(files).toContain('docs/ci/costsim-pr.yml'); // the README copies the workflow from the package
  });
});

describe('costsim init', () => {
  it('points a project-root scenario at ./node_modules/costsim/schema/scenario.schema.json', () => {
    // A project that ran `npm install costsim`: the package sits in <project>/node_modules/costsim.
    const project = '/home/me/project';
    const installed = `${project}/node_modules/costsim/schema/scenario.schema.json`;
    expect(schemaModeline(`${project}/scenario.yaml`, installed)).toBe('# yaml-language-server: $schema=./node_modules/costsim/schema/scenario.schema.json\n');
    expect(schemaModeline(`${project}/scenarios/support.yaml`, installed)).toBe('# yaml-language-server: $schema=../node_modules/costsim/schema/scenario.schema.json\n');
  });

  it('writes a first line whose path, read relative to the file, is the shipped schema', () => {
    mkdirSync(path.join(dir, 'sub'));
    const file = path.join(dir, 'sub', 'scenario.yaml');
    const r = spawnSync(process.execPath, [path.resolve('dist/bin/costsim.js'), 'init', file], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const first = readFileSync(file, 'utf8').split('\n')[0]!;
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(m).not.toBeNull();
    const target = path.resolve(path.dirname(file), m![1]!);
    expect(target).toBe(path.resolve('schema/scenario.schema.json'));
    expect(JSON.parse(readFileSync(target, 'utf8')).required).toEqual(expect.arrayContaining(['version', 'name', 'workload', 'prompt']));
  });
});
