/**
 * Putting a store written offline (the bulk import: Neo4j's batch importer
 * writing into a staging Neo4j home) in place of a local database's store, so
 * that a failure at any moment leaves the database as it was:
 *
 *   <dataDir>/bulk-staging/                the staging home (input files, the new store)
 *   <dataDir>/bulk-previous/               the store it replaced, until the import is complete
 *   <dataDir>/bulk-swap.json               the journal: a swap is under way
 *   <dataDir>/data/databases/<db>          the live store (the Neo4j home layout)
 *   <dataDir>/data/transactions/<db>       its transaction logs
 *
 * While Neo4j is stopped, swapIn() moves the live store aside and the staged
 * one in (renames within one file system), after writing the journal. The
 * caller starts Neo4j on it, creates the schema, checks it, then commit()s
 * (the previous store and the journal go) or revert()s (Neo4j stopped again:
 * the previous store comes back). A process killed in between leaves the
 * journal: before Neo4j starts on that data directory (startLocalNeo4j), and
 * before the next bulk import, recoverStoreSwap() puts the previous store back
 * and removes the staging home, unless the process that wrote the journal is
 * alive (it is restarting Neo4j on the new store itself). So a store is in
 * place only when its import finished; otherwise the one before it is.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pidAlive } from '../kernel/pid.ts';

export interface StorePaths {
  databaseDir: string;
  transactionsDir: string;
}

/** Where a Neo4j home keeps the store and transaction logs of `database`. */
export function storePaths(home: string, database: string): StorePaths {
  return {
    databaseDir: path.join(home, 'data', 'databases', database),
    transactionsDir: path.join(home, 'data', 'transactions', database),
  };
}

export function stagingHome(dataDir: string): string {
  return path.join(dataDir, 'bulk-staging');
}

function previousDir(dataDir: string): string {
  return path.join(dataDir, 'bulk-previous');
}

function journalFile(dataDir: string): string {
  return path.join(dataDir, 'bulk-swap.json');
}

interface Journal {
  database: string;
  startedAt: string;
  pid: number;
  /** Whether the live store (and its transaction logs) existed before: a revert then brings them back, else removes what was moved in. */
  had: { database: boolean; transactions: boolean };
}

/** A staged store moved into place; the previous one kept until commit() or brought back by revert(). */
export interface StoreSwap {
  /** The import is complete: the previous store and the journal go. */
  commit(): Promise<void>;
  /** Neo4j must be stopped: the staged store goes, the previous one comes back. */
  revert(): Promise<void>;
}

/**
 * A fresh, empty staging home (an earlier one, left by a process that died,
 * is removed first). Neo4j may be running: a swap's journal is never undone
 * here (that moves the store), only before Neo4j starts.
 */
export async function prepareStaging(dataDir: string): Promise<string> {
  const journal = await readJournal(dataDir);
  if (journal) {
    throw new Error(
      pidAlive(journal.pid)
        ? `Another bulk import (process ${journal.pid}, started ${journal.startedAt}) is replacing the store in ${dataDir}`
        : `A bulk import that was interrupted (started ${journal.startedAt}) left ${journalFile(dataDir)}: it is undone when the local Neo4j next starts; restart it, then import again`,
    );
  }
  const home = stagingHome(dataDir);
  await rm(home, { recursive: true, force: true });
  await mkdir(home, { recursive: true });
  return home;
}

/** Removes the staging home (after an import, whatever its outcome). */
export async function removeStaging(dataDir: string): Promise<void> {
  await rm(stagingHome(dataDir), { recursive: true, force: true });
}

/**
 * Neo4j must be stopped. Moves the live store of `database` (if any) to
 * bulk-previous and the staged one (under `staging`, a Neo4j home) into place.
 */
export async function swapIn(dataDir: string, database: string, staging: string): Promise<StoreSwap> {
  const live = storePaths(dataDir, database);
  const staged = storePaths(staging, database);
  const prev = storePaths(previousDir(dataDir), database);
  for (const dir of [staged.databaseDir, staged.transactionsDir]) {
    if (!existsSync(dir)) throw new Error(`The staged store is incomplete: ${dir} is missing`);
  }
  await rm(previousDir(dataDir), { recursive: true, force: true });
  const journal: Journal = {
    database,
    startedAt: new Date().toISOString(),
    pid: process.pid,
    had: { database: existsSync(live.databaseDir), transactions: existsSync(live.transactionsDir) },
  };
  await writeFile(journalFile(dataDir), `${JSON.stringify(journal)}\n`);
  try {
    await moveIfPresent(live.databaseDir, prev.databaseDir);
    await moveIfPresent(live.transactionsDir, prev.transactionsDir);
    await mkdir(path.dirname(live.databaseDir), { recursive: true });
    await mkdir(path.dirname(live.transactionsDir), { recursive: true });
    await rename(staged.databaseDir, live.databaseDir);
    await rename(staged.transactionsDir, live.transactionsDir);
  } catch (err) {
    await undoSwap(dataDir, journal);
    throw err;
  }
  return {
    commit: async () => {
      await rm(journalFile(dataDir), { force: true });
      await rm(previousDir(dataDir), { recursive: true, force: true });
    },
    revert: async () => {
      await undoSwap(dataDir, journal);
    },
  };
}

/**
 * Undoes a swap that did not complete (the journal is there): the previous
 * store comes back, whatever was moved in its place goes, and so does the
 * staging home. Neo4j must be stopped. Resolves whether something was undone.
 */
export async function recoverStoreSwap(dataDir: string, log: (line: string) => void = () => {}): Promise<boolean> {
  const journal = await readJournal(dataDir);
  if (!journal) {
    // No swap under way: a staging home left by an import that died before it is garbage.
    if (existsSync(stagingHome(dataDir))) await removeStaging(dataDir);
    return false;
  }
  // Its process is alive: it is starting Neo4j on the new store itself, and commits or reverts after.
  if (pidAlive(journal.pid)) return false;
  await undoSwap(dataDir, journal);
  log(`[neo4j] an interrupted bulk import (started ${journal.startedAt} by process ${journal.pid}) was undone: the store before it is back`);
  return true;
}

async function readJournal(dataDir: string): Promise<Journal | undefined> {
  const file = journalFile(dataDir);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Journal;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read ${file} (an interrupted bulk import's journal): ${(err as Error).message}`);
  }
}

/** Neo4j stopped: the previous store back in place, the staged one, the staging home and the journal gone. */
async function undoSwap(dataDir: string, journal: Journal): Promise<void> {
  const live = storePaths(dataDir, journal.database);
  const prev = storePaths(previousDir(dataDir), journal.database);
  for (const [liveDir, prevDir, had] of [
    [live.databaseDir, prev.databaseDir, journal.had?.database !== false],
    [live.transactionsDir, prev.transactionsDir, journal.had?.transactions !== false],
  ] as const) {
    if (had && !existsSync(prevDir)) continue; // never moved aside: what is live is the store from before
    await rm(liveDir, { recursive: true, force: true }); // the staged store, if it was moved in
    if (had) await rename(prevDir, liveDir);
  }
  await rm(previousDir(dataDir), { recursive: true, force: true });
  await removeStaging(dataDir);
  await rm(journalFile(dataDir), { force: true });
}

async function moveIfPresent(from: string, to: string): Promise<void> {
  if (!existsSync(from)) return;
  await mkdir(path.dirname(to), { recursive: true });
  await rename(from, to);
}
