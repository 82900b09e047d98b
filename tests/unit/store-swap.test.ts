/**
 * The bulk import's store swap on real directories (no Neo4j): the staged
 * store moved in, the previous one kept until commit and brought back by
 * revert, and a swap interrupted by a process that died undone before the
 * next start, whatever step it died at.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareStaging, recoverStoreSwap, stagingHome, storePaths, swapIn } from '../../server/neo4j/store-swap.ts';

let dataDir: string;

async function writeStore(home: string, marker: string): Promise<void> {
  const p = storePaths(home, 'neo4j');
  await mkdir(p.databaseDir, { recursive: true });
  await mkdir(p.transactionsDir, { recursive: true });
  await writeFile(path.join(p.databaseDir, 'neostore'), marker);
  await writeFile(path.join(p.transactionsDir, 'neostore.transaction.db.0'), marker);
}

async function liveMarker(): Promise<string | undefined> {
  const p = storePaths(dataDir, 'neo4j');
  if (!existsSync(p.databaseDir)) return undefined;
  const db = await readFile(path.join(p.databaseDir, 'neostore'), 'utf8');
  const tx = await readFile(path.join(p.transactionsDir, 'neostore.transaction.db.0'), 'utf8');
  expect(tx).toBe(db); // store and logs always belong together
  return db;
}

/** A pid that is certainly not running any more. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-swap-'));
  await writeStore(dataDir, 'old');
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('swapIn', () => {
  it('moves the staged store in, keeps the previous one until commit', async () => {
    const staging = await prepareStaging(dataDir);
    await writeStore(staging, 'new');
    const swap = await swapIn(dataDir, 'neo4j', staging);
    expect(await liveMarker()).toBe('new');
    expect(existsSync(path.join(dataDir, 'bulk-swap.json'))).toBe(true);
    await swap.commit();
    expect(await liveMarker()).toBe('new');
    expect(existsSync(path.join(dataDir, 'bulk-swap.json'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'bulk-previous'))).toBe(false);
  });

  it('revert brings the previous store back and removes the staged one', async () => {
    const staging = await prepareStaging(dataDir);
    await writeStore(staging, 'new');
    const swap = await swapIn(dataDir, 'neo4j', staging);
    await swap.revert();
    expect(await liveMarker()).toBe('old');
    expect(existsSync(path.join(dataDir, 'bulk-swap.json'))).toBe(false);
    expect(existsSync(stagingHome(dataDir))).toBe(false);
  });

  it('revert removes a store moved in where there was none', async () => {
    await rm(path.join(dataDir, 'data'), { recursive: true });
    const staging = await prepareStaging(dataDir);
    await writeStore(staging, 'new');
    const swap = await swapIn(dataDir, 'neo4j', staging);
    expect(await liveMarker()).toBe('new');
    await swap.revert();
    expect(await liveMarker()).toBeUndefined();
  });

  it('refuses an incomplete staged store and changes nothing', async () => {
    const staging = await prepareStaging(dataDir);
    await mkdir(storePaths(staging, 'neo4j').databaseDir, { recursive: true });
    await expect(swapIn(dataDir, 'neo4j', staging)).rejects.toThrow(/incomplete/);
    expect(await liveMarker()).toBe('old');
  });
});

describe('recoverStoreSwap (before Neo4j starts)', () => {
  /** The state a process that died at `step` of a swap leaves behind. */
  async function interrupted(step: 'journal' | 'database-moved' | 'both-moved' | 'swapped', pid: number): Promise<void> {
    const staging = await prepareStaging(dataDir);
    await writeStore(staging, 'new');
    await swapIn(dataDir, 'neo4j', staging);
    // Rewind the finished swap to the step the process died after, then say the journal's process is gone.
    const live = storePaths(dataDir, 'neo4j');
    const prev = storePaths(path.join(dataDir, 'bulk-previous'), 'neo4j');
    const staged = storePaths(staging, 'neo4j');
    if (step !== 'swapped') {
      await mkdir(path.dirname(staged.databaseDir), { recursive: true });
      await mkdir(path.dirname(staged.transactionsDir), { recursive: true });
      await rename(live.databaseDir, staged.databaseDir);
      await rename(live.transactionsDir, staged.transactionsDir);
      if (step === 'journal' || step === 'database-moved') {
        await rename(prev.transactionsDir, live.transactionsDir);
        if (step === 'journal') await rename(prev.databaseDir, live.databaseDir);
      }
    }
    const journalFile = path.join(dataDir, 'bulk-swap.json');
    const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { pid: number };
    await writeFile(journalFile, JSON.stringify({ ...journal, pid }));
  }

  it.each(['journal', 'database-moved', 'both-moved', 'swapped'] as const)('after a process died at "%s": the previous store is back', async (step) => {
    await interrupted(step, deadPid());
    const lines: string[] = [];
    expect(await recoverStoreSwap(dataDir, (l) => lines.push(l))).toBe(true);
    expect(await liveMarker()).toBe('old');
    expect(existsSync(path.join(dataDir, 'bulk-swap.json'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'bulk-previous'))).toBe(false);
    expect(existsSync(stagingHome(dataDir))).toBe(false);
    expect(lines[0]).toMatch(/interrupted bulk import .* was undone/);
  });

  it('leaves a swap alone while its process is alive (it is starting Neo4j on the new store)', async () => {
    await interrupted('swapped', process.pid);
    expect(await recoverStoreSwap(dataDir)).toBe(false);
    expect(await liveMarker()).toBe('new');
  });

  it('removes a staging home left by an import that died before its swap', async () => {
    const staging = await prepareStaging(dataDir);
    await writeStore(staging, 'half');
    expect(await recoverStoreSwap(dataDir)).toBe(false);
    expect(existsSync(staging)).toBe(false);
    expect(await liveMarker()).toBe('old');
  });

  it('does nothing when there is nothing to recover', async () => {
    expect(await recoverStoreSwap(dataDir)).toBe(false);
    expect(await liveMarker()).toBe('old');
  });
});
