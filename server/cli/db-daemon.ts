/**
 * The background process behind `claimgraph db start`: starts the local
 * Neo4j, writes the state file once it is ready, and stops Neo4j on SIGTERM
 * (`claimgraph db stop`). Its output goes to <data dir>/claimgraph-db.log.
 *
 *   node --import tsx server/cli/db-daemon.ts --data-dir DIR [--port N]
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { superviseLocalNeo4j, type SupervisedNeo4j } from '../neo4j/supervisor.ts';
import { dataDirOf, removeState, stateFiles, type DaemonState } from './daemon-state.ts';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, port: { type: 'string' } } });
const dataDir = dataDirOf(values['data-dir']);
const files = stateFiles(dataDir);
const log = (line: string) => process.stdout.write(`${line}\n`);

let neo: SupervisedNeo4j | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  stopping = true;
  try {
    await neo?.stop();
  } finally {
    await removeState(dataDir);
  }
  log(`[claimgraph-db] stopped (${new Date().toISOString()})`);
  process.exit(code);
}

for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    log(`[claimgraph-db] ${sig}: stopping Neo4j`);
    if (!neo) {
      // Still starting: stop as soon as it is up (or exit if it never comes up).
      stopping = true;
      return;
    }
    void shutdown(0);
  });
}

try {
  await writeFile(files.pid, `${process.pid}\n`);
  log(`[claimgraph-db] starting Neo4j (data dir ${dataDir}) at ${new Date().toISOString()}`);
  // Supervised: a Neo4j that dies is started again (log line, back-off); the state file follows its pid.
  const writeState = (): Promise<void> => writeFile(files.json, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  neo = await superviseLocalNeo4j({
    dataDir,
    port: values.port ? Number(values.port) : undefined,
    log,
    onRestart: (restarted) => {
      state.neo4jPid = restarted.pid;
      void writeState();
    },
  });
  if (stopping) await shutdown(0);
  const state: DaemonState = {
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
  await writeState();
  log(`[claimgraph-db] ready: Neo4j ${neo.version} at ${neo.uri}`);
} catch (err) {
  log(`[claimgraph-db] failed: ${(err as Error).message}`);
  await removeState(dataDir);
  process.exit(1);
}
