/**
 * `claimgraph db start|stop|status`: the local Neo4j in the background.
 * `start` runs `claimgraph db daemon` (daemon.ts) detached and waits until
 * Neo4j is ready (state file written) or failed; `stop` sends it SIGTERM and
 * waits; `status` says whether it runs and where (exit 3 when it does not).
 */
import { spawn } from 'node:child_process';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pidAlive } from '../../kernel/pid.ts';
import { CliError, EXIT, type ExitCode } from '../exit.ts';
import { dataDirOf, readDaemonState, readPid, removeState, stateFiles, type DaemonState } from './state.ts';

/** The `claimgraph` program, which runs the daemon as its hidden `db daemon` command. */
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/claimgraph.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DbOptions {
  dataDir?: string;
  port?: number;
  timeoutSeconds?: number;
  quiet?: boolean;
  json?: boolean;
}

function describe(s: DaemonState): string {
  return [
    `Neo4j ${s.version} is running (pid ${s.pid}, Neo4j JVM pid ${s.neo4jPid}, since ${s.startedAt}).`,
    `  bolt URI : ${s.uri}`,
    `  user     : ${s.user}`,
    `  password : in ${s.passwordFile}`,
    `  data dir : ${s.dataDir}`,
    `  log      : ${s.logFile}`,
  ].join('\n');
}

function printState(state: DaemonState, o: DbOptions, prefix = ''): void {
  console.log(o.json ? JSON.stringify({ running: true, ...state }, null, 2) : `${prefix}${describe(state)}`);
}

async function logTail(file: string, lines = 30): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Starts the daemon detached, its output appended to the log file; returns its pid. */
async function spawnDaemon(dataDir: string, port: number | undefined): Promise<number> {
  await mkdir(dataDir, { recursive: true });
  const files = stateFiles(dataDir);
  const logFile = await open(files.log, 'a');
  const args = [BIN, 'db', 'daemon', '--data-dir', dataDir, ...(port ? ['--port', String(port)] : [])];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', logFile.fd, logFile.fd], env: process.env });
  child.unref();
  await logFile.close();
  if (child.pid === undefined) throw new CliError(EXIT.DATABASE, 'Could not start the background process');
  await writeFile(files.pid, `${child.pid}\n`);
  return child.pid;
}

export async function dbStart(o: DbOptions): Promise<ExitCode> {
  const dataDir = dataDirOf(o.dataDir);
  const running = await readDaemonState(dataDir);
  if (running) {
    printState(running, o, 'Already running.\n');
    return EXIT.OK;
  }
  const earlier = await readPid(dataDir);
  if (earlier && pidAlive(earlier)) throw new CliError(EXIT.DATABASE, `A Neo4j (pid ${earlier}) is still starting or stopping for ${dataDir}; try again, or run "claimgraph db stop".`);
  const pid = await spawnDaemon(dataDir, o.port);
  const log = stateFiles(dataDir).log;
  if (!o.quiet) console.error(`Starting Neo4j in the background (pid ${pid}; log: ${log})...`);
  const timeout = o.timeoutSeconds ?? 600;
  const deadline = Date.now() + timeout * 1000;
  for (;;) {
    const state = await readDaemonState(dataDir);
    if (state) {
      printState(state, o);
      return EXIT.OK;
    }
    if (!pidAlive(pid)) {
      await removeState(dataDir);
      throw new CliError(EXIT.DATABASE, `Neo4j did not start. Last lines of ${log}:\n${await logTail(log)}`);
    }
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGTERM');
      throw new CliError(EXIT.DATABASE, `Neo4j was not ready within ${timeout} s; stopping it. Last lines of ${log}:\n${await logTail(log)}`);
    }
    await sleep(250);
  }
}

export async function dbStop(o: DbOptions): Promise<ExitCode> {
  const dataDir = dataDirOf(o.dataDir);
  const state = await readDaemonState(dataDir);
  const pid = state?.pid ?? (await readPid(dataDir));
  if (!pid || !pidAlive(pid)) {
    await removeState(dataDir);
    console.log(o.json ? JSON.stringify({ running: false }) : 'Neo4j is not running (nothing to stop).');
    return EXIT.OK;
  }
  if (!o.quiet) console.error(`Stopping Neo4j (pid ${pid})...`);
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + (o.timeoutSeconds ?? 90) * 1000;
  while (pidAlive(pid) && Date.now() < deadline) await sleep(200);
  if (pidAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    if (state?.neo4jPid && pidAlive(state.neo4jPid)) process.kill(state.neo4jPid, 'SIGKILL');
    await removeState(dataDir);
    console.log(o.json ? JSON.stringify({ running: false, killed: true }) : `Neo4j did not stop in time and was killed (pid ${pid}).`);
    return EXIT.OK;
  }
  await removeState(dataDir);
  console.log(o.json ? JSON.stringify({ running: false }) : 'Neo4j stopped.');
  return EXIT.OK;
}

export async function dbStatus(o: DbOptions): Promise<ExitCode> {
  const state = await readDaemonState(dataDirOf(o.dataDir));
  if (!state) {
    console.log(o.json ? JSON.stringify({ running: false }) : 'Neo4j is not running (start it with "claimgraph db start").');
    return EXIT.DATABASE;
  }
  printState(state, o);
  return EXIT.OK;
}
