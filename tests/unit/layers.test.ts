/**
 * The layer rules (.dependency-cruiser.cjs, run by `npm run lint`) fire: a
 * throw-away tree in a temp folder, laid out like the repository, holds one
 * violating file per rule, and dependency-cruiser (the same rule set, the
 * same options) must report each under its rule's name, and nothing for the
 * allowed imports beside them. Then the repository itself passes.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const config = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs')) as IConfiguration;

async function check(baseDir: string, roots: string[]): Promise<ICruiseResult> {
  const { output } = await cruise(roots, { ...config.options, ruleSet: { forbidden: config.forbidden }, baseDir, validate: true });
  return output as ICruiseResult;
}

/** The modules every throw-away file may point at (empty, but real, so they resolve). */
const TARGETS = [
  'server/model/kinds.ts',
  'server/kernel/errors.ts',
  'server/kernel/contract.ts',
  'server/neo4j/read.ts',
  'server/reads/search.ts',
  'server/export/ftm.ts',
  'server/api/app.ts',
  'server/cli/main.ts',
];

/** [file, its text, the rule it must break (null: allowed)] */
const CASES: [string, string, string | null][] = [
  ['server/kernel/bad.ts', "import { read } from '../neo4j/read.ts';\nexport const x = read;", 'kernel-imports-only-model'],
  ['server/kernel/good.ts', "import { KINDS } from '../model/kinds.ts';\nexport const x = KINDS;", null],
  ['server/model/bad.ts', "import { E } from '../kernel/errors.ts';\nexport const x = E;", 'model-imports-nothing-of-ours'],
  ['server/neo4j/bad.ts', "import { search } from '../reads/search.ts';\nexport const x = search;", 'neo4j-imports-kernel-and-model'],
  ['server/neo4j/good.ts', "import { E } from '../kernel/errors.ts';\nexport const x = E;", null],
  ['server/import/bad.ts', "import { ftm } from '../export/ftm.ts';\nexport const x = ftm;", 'import-not-upward'],
  ['server/reads/bad.ts', "import { app } from '../api/app.ts';\nexport const x = app;", 'reads-and-export-not-upward'],
  ['server/export/bad.ts', "import express from 'express';\nexport const x = express;", 'only-the-fronts-import-express'],
  ['server/api/good.ts', "import express from 'express';\nimport { search } from '../reads/search.ts';\nexport const x = [express, search];", null],
  ['server/generate/bad.ts', "import { main } from '../cli/main.ts';\nexport const x = main;", 'domain-not-to-cli'],
  ['server/formats/bad.ts', "import { main } from '../cli/main.ts';\nexport const x = main;", 'formats-not-upward'],
  ['server/formats/csv/bad.ts', "import { ftm } from '../../export/ftm.ts';\nexport const x = ftm;", 'formats-not-upward'],
  ['client/src/bad-value.ts', "import { Health } from '../../server/kernel/contract.ts';\nexport const x = Health;", 'client-imports-server-as-types-only'],
  ['client/src/bad-module.ts', "import type { E } from '../../server/kernel/errors.ts';\nexport type X = E;", 'client-imports-only-the-contract'],
  ['client/src/good.ts', "import type { Health } from '../../server/kernel/contract.ts';\nexport type X = Health;", null],
  ['server/reads/cycle-a.ts', "import { b } from './cycle-b.ts';\nexport const a = () => b;", 'no-circular'],
  ['server/reads/cycle-b.ts', "import { a } from './cycle-a.ts';\nexport const b = () => a;", null],
];

let tmp = '';
let result: ICruiseResult;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-layers-'));
  for (const file of TARGETS) {
    await mkdir(path.dirname(path.join(tmp, file)), { recursive: true });
    await writeFile(path.join(tmp, file), 'export const KINDS = 1, E = 1, Health = 1, read = 1, search = 1, ftm = 1, app = 1, main = 1;\nexport type E = number;\nexport type Health = number;\n');
  }
  for (const [file, text] of CASES) {
    await mkdir(path.dirname(path.join(tmp, file)), { recursive: true });
    await writeFile(path.join(tmp, file), text);
  }
  // express resolves to the real package, as it does in the repository.
  await symlink(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
  result = await check(tmp, ['server', 'client']);
}, 60_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the layer rules', () => {
  it.each(CASES.filter(([, , rule]) => rule !== null))('%s breaks its rule', (file, _text, rule) => {
    const hits = result.summary.violations.filter((v) => v.from === file).map((v) => v.rule.name);
    expect(hits).toContain(rule);
  });

  it.each(CASES.filter(([file, , rule]) => rule === null && !file.includes('cycle')))('%s is allowed', (file) => {
    expect(result.summary.violations.filter((v) => v.from === file)).toEqual([]);
  });

  it('reports a cycle once, with its whole path', () => {
    const cycles = result.summary.violations.filter((v) => v.rule.name === 'no-circular');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.cycle?.map((c) => c.name)).toEqual(['server/reads/cycle-b.ts', 'server/reads/cycle-a.ts']);
  });

  it('reports errors, which fail `npm run lint`', () => {
    expect(result.summary.error).toBeGreaterThanOrEqual(CASES.filter(([, , r]) => r !== null).length);
  });

  it('holds on the repository itself', async () => {
    const repo = await check(ROOT, ['server', 'client/src', 'bench', 'tests', 'bin']);
    expect(repo.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
    expect(repo.summary.totalCruised).toBeGreaterThan(150);
  }, 60_000);
});
