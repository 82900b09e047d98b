/**
 * Hostile dataset files through the real `claimgraph import` (issue 16,
 * findings 7 and 9): ZIP archives past the limits on decompressed size and
 * ratio are refused while streaming, with exit 1 and no temporary folder
 * left (also after a SIGKILL: the next import removes it); entries named
 * `../x` are reported; invalid UTF-8 in YAML is an error with file and line;
 * a YAML alias bomb exits 1 naming the file; nothing a reader can query
 * (:Dataset, :ImportRun) holds a server path, host name or pid.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeTestDriver, query, resetDatabase, testNeo4j } from '../helpers/neo4j.ts';

const BIN = path.resolve('bin/claimgraph.js');
const MINI = 'tests/fixtures/mini';
let tmp: string;
/** The CLI's TMPDIR: only its extraction folders are in it. */
let cliTmp: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const db = testNeo4j();
  const e: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(e)) if (k.startsWith('NEO4J_') || k.startsWith('CLAIMGRAPH_')) delete e[k];
  return { ...e, NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password, ...(db.database ? { NEO4J_DATABASE: db.database } : {}), TMPDIR: cliTmp, ...extra };
}

function cli(args: string[], extra: NodeJS.ProcessEnv = {}, onSpawn?: (pid: number) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: env(extra), stdio: ['ignore', 'pipe', 'pipe'] });
    onSpawn?.(child.pid!);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const extractionDirs = () => readdirSync(cliTmp).filter((n) => n.startsWith('claimgraph-zip-'));

async function writeZip(name: string, files: Zippable): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, zipSync(files, { level: 9 }));
  return file;
}

/** The mini fixture's files, as ZIP entries. */
async function miniEntries(): Promise<Zippable> {
  const out: Zippable = {};
  for (const f of readdirSync(MINI)) out[f] = new Uint8Array(await readFile(path.join(MINI, f)));
  return out;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-hostile-'));
  cliTmp = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-hostile-tmp-'));
});
beforeEach(resetDatabase);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
  await rm(cliTmp, { recursive: true, force: true });
  await closeTestDriver();
});

describe('ZIP archives are extracted within limits', { timeout: 240_000 }, () => {
  it('a zip bomb (one entry far more than 100 times its compressed size) is refused while streaming, even with --dry-run', async () => {
    // 64 MiB of one line repeated: a few hundred kB compressed.
    const line = 'id,kind,name\n' + 'e-1,person,Someone Somewhere\n'.repeat(64 * 1024 * 1024 / 28);
    const bomb = await writeZip('bomb.zip', { 'entities.csv': strToU8(line) });
    const r = await cli(['import', bomb, '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bomb\.zip: refused: the archive entities\.csv decompresses more than 100 times its compressed size/);
    expect(extractionDirs()).toEqual([]);
  });

  it('an archive past the total size is refused (the limit from CLAIMGRAPH_ZIP_MAX_BYTES)', async () => {
    const big = await writeZip('big.zip', { 'entities.csv': strToU8('id,kind,name\n' + randomBytes(1024 * 1024).toString('hex')) });
    const r = await cli(['import', big, '--dry-run'], { CLAIMGRAPH_ZIP_MAX_BYTES: String(1024 * 1024) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/big\.zip: refused: the archive decompresses to more than 1 MiB \(the limit; raise it with CLAIMGRAPH_ZIP_MAX_BYTES\)/);
    expect(extractionDirs()).toEqual([]);
  });

  it('entries whose names leave the archive are not extracted and are reported', async () => {
    const file = await writeZip('escape.zip', { ...(await miniEntries()), '../escaped.yaml': strToU8('entities: []\n') });
    const r = await cli(['import', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/archive entries skipped, their names lead outside the archive: 1 \("\.\.\/escaped\.yaml"\)/);
    expect(existsSync(path.join(cliTmp, 'escaped.yaml'))).toBe(false);
    expect(extractionDirs()).toEqual([]);
    const [ds] = await query<{ folder: string }>('MATCH (d:Dataset {name: "mini"}) RETURN d.folder AS folder');
    // The folder's base name, not a server path.
    expect(ds!.folder).not.toContain(path.sep);
  });

  it('the temporary folder of an import killed mid-way is removed by the next import', async () => {
    // About 48 MB of hex text (compresses about 2:1, within the ratio): extracting and reading it takes a while.
    const rows = Array.from({ length: 400_000 }, (_, i) => `e-${i},person,${randomBytes(54).toString('hex')}`);
    const file = await writeZip('large.zip', { 'entities.csv': strToU8('id,kind,name\n' + rows.join('\n')) });
    let pid = 0;
    const running = cli(['import', file, '--dry-run'], {}, (p) => (pid = p));
    // Killed (SIGKILL: no exit hook runs) once its extraction folder exists.
    for (;;) {
      if (extractionDirs().length > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    process.kill(pid, 'SIGKILL');
    expect((await running).code).toBe(null);
    expect(extractionDirs()).toHaveLength(1);
    const next = await cli(['import', await writeZip('small.zip', await miniEntries()), '--dry-run']);
    expect(next.code, next.stderr).toBe(0);
    expect(extractionDirs()).toEqual([]);
  });
});

describe('YAML that is not what it seems', { timeout: 120_000 }, () => {
  async function miniWith(file: string, content: Buffer | string): Promise<string> {
    const dir = await mkdtemp(path.join(tmp, 'mini-'));
    await cp(MINI, dir, { recursive: true });
    await writeFile(path.join(dir, file), content);
    return dir;
  }

  it('invalid UTF-8 is an error with the file and line, and nothing is imported', async () => {
    const text = await readFile(path.join(MINI, 'entities.yaml'));
    const lines = text.toString('utf8').split('\n');
    // Line 4 (the first entity's name) gets a byte that is not UTF-8.
    const bad = Buffer.concat([Buffer.from(lines.slice(0, 3).join('\n') + '\n'), Buffer.from('    name: North'), Buffer.from([0xc3, 0x28]), Buffer.from('wind\n' + lines.slice(4).join('\n'))]);
    const r = await cli(['import', await miniWith('entities.yaml', bad)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/entities\.yaml:4: not valid UTF-8/);
    expect(await query('MATCH (n:Entity) RETURN n LIMIT 1')).toEqual([]);
  });

  it('an alias bomb exits 1 naming the file', async () => {
    const levels = ['l0: &l0 [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
    const yaml = `entities:\n  - id: bomb\n    kind: concept\n    name: Bomb\n    properties:\n${levels.map((l) => `      ${l}`).join('\n')}\n`;
    const r = await cli(['import', await miniWith('bomb.yaml', yaml)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bomb\.yaml: YAML aliases \(\*name\) expand too much/);
    expect(await query('MATCH (n:Entity) RETURN n LIMIT 1')).toEqual([]);
  });

  it('aliases within the limit are resolved, as data/README.md says', async () => {
    const yaml = 'entities:\n  - &p {id: alias-a, kind: person, name: Anna Alias, description: Shared words.}\n  - {<<: *p, id: alias-b, name: Bea Alias}\n';
    const r = await cli(['import', await miniWith('aliases.yaml', yaml)]);
    expect(r.code, r.stderr).toBe(0);
    const [b] = await query<{ d: string }>('MATCH (n:Entity {id: "alias-b"}) RETURN n.description AS d');
    expect(b!.d).toBe('Shared words.');
  });
});
