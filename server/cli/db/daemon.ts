/**
 * The background process behind `claimgraph db start` (the hidden command
 * `claimgraph db daemon --data-dir DIR [--port N]`): starts the local Neo4j,
 * writes the state file once it is ready, and stops Neo4j on SIGTERM
 * (`claimgraph db stop`). A Neo4j that dies is started again (back-off, a
 * log line) and the state file follows its pid. Its output goes to
 * <data dir>/claimgraph-db.log.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { superviseLocalNeo4j, type SupervisedNeo4j } from '../../neo4j/supervisor.ts';
import { dataDirOf, removeState, stateFiles, type DaemonState } from './state.ts';
import { supervise } from './supervise.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);

/** Runs until stopped (it ends the process itself). */
export async function runDaemon(o: { dataDir?: string; port?: number }): Promise<void> {
  const dataDir = dataDirOf(o.dataDir);
  const files = stateFiles(dataDir);
  const shutdown = async (neo: SupervisedNeo4j | undefined, code: number): Promise<void> => {
    try {
      await neo?.stop();
    } finally {
      await removeState(dataDir);
    }
    log(`[claimgraph-db] stopped (${new Date().toISOString()})`);
    process.exit(code);
  };
  try {
    await writeFile(files.pid, `${process.pid}\n`);
    log(`[claimgraph-db] starting Neo4j (data dir ${dataDir}) at ${new Date().toISOString()}`);
    let state: DaemonState | undefined;
    const writeState = (s: DaemonState): Promise<void> => writeFile(files.json, `${JSON.stringify(s, null, 2)}\n`, { mode: 0o600 });
    const neo = await supervise({
      start: () =>
        superviseLocalNeo4j({
          dataDir,
          port: o.port,
          log,
          onRestart: (restarted) => {
            if (!state) return;
            state = { ...state, neo4jPid: restarted.pid };
            void writeState(state).catch(() => undefined);
          },
        }),
      signals: ['SIGTERM', 'SIGINT', 'SIGHUP'],
      onSignal: (sig) => log(`[claimgraph-db] ${sig}: stopping Neo4j`),
      shutdown,
    });
    state = {
      pid: process.pid,
      neo4jPid: neo.pid,
      uri: neo.uri,
      user: neo.user,
      version: neo.version,
      dataDir: neo.dataDir,
      passwordFile: path.join(neo.dataDir, 'password'),
      startedAt: new Date().toISOString(),
      logFile: files.log,
    };
    await writeState(state);
    log(`[claimgraph-db] ready: Neo4j ${neo.version} at ${neo.uri}`);
  } catch (err) {
    log(`[claimgraph-db] failed: ${(err as Error).message}`);
    await removeState(dataDir);
    process.exit(1);
  }
}
