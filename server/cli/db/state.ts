/**
 * The state file of the background Neo4j that `claimgraph db start` runs:
 * `<data dir>/claimgraph-db.json` (and `claimgraph-db.pid`), written once
 * Neo4j is ready and removed when it stops.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pidAlive } from '../../kernel/pid.ts';
import { DEFAULT_DATA_DIR } from '../../neo4j/launcher.ts';

export interface DaemonState {
  /** The background process (Node) that owns Neo4j. */
  pid: number;
  /** The Neo4j JVM. */
  neo4jPid: number;
  uri: string;
  user: string;
  version: string;
  dataDir: string;
  passwordFile: string;
  startedAt: string;
  logFile: string;
}

export function dataDirOf(dir?: string): string {
  return path.resolve(dir ?? process.env.NEO4J_DATA_DIR ?? DEFAULT_DATA_DIR);
}

export function stateFiles(dataDir?: string): { json: string; pid: string; log: string } {
  const dir = dataDirOf(dataDir);
  return { json: path.join(dir, 'claimgraph-db.json'), pid: path.join(dir, 'claimgraph-db.pid'), log: path.join(dir, 'claimgraph-db.log') };
}

/** The running background Neo4j, or undefined (a stale state file is removed). */
export async function readDaemonState(dataDir?: string): Promise<DaemonState | undefined> {
  const files = stateFiles(dataDir);
  let state: DaemonState;
  try {
    state = JSON.parse(await readFile(files.json, 'utf8')) as DaemonState;
  } catch {
    return undefined;
  }
  if (typeof state.pid !== 'number' || !pidAlive(state.pid)) {
    await removeState(dataDir);
    return undefined;
  }
  return state;
}

export async function readPid(dataDir?: string): Promise<number | undefined> {
  const text = await readFile(stateFiles(dataDir).pid, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export async function removeState(dataDir?: string): Promise<void> {
  const files = stateFiles(dataDir);
  await rm(files.json, { force: true });
  await rm(files.pid, { force: true });
}
