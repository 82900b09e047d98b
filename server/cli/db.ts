/**
 * `claimgraph db start|stop|status`: the local Neo4j in the background.
 * `start` runs server/cli/db-daemon.ts detached and waits until Neo4j is
 * ready (state file written) or failed; `stop` sends it SIGTERM and waits;
 * `status` says whether it runs and where (exit 3 when it does not).
 */
import { spawn } from 'node:child_process';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dataDirOf, pidAlive, readDaemonState, readPid, removeState, stateFiles, type DaemonState } from './daemon-state.ts';
import { CliError, EXIT, type ExitCode } from './exit.ts';

const DAEMON = path.join(path.dirname(fileURLToPath(import.meta.url)), 'db-daemon.ts');
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

async function logTail(file: string, lines = 30): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export async function dbStart(o: DbOptions): Promise<ExitCode> {
  const dataDir = dataDirOf(o.dataDir);
  const running = await readDaemonState(dataDir);
  if (running) {
    console.log(o.json ? JSON.stringify({ running: true, ...running }, null, 2) : `Already running.\n${describe(running)}`);
    return EXIT.OK;
  }
  const earlier = await readPid(dataDir);
  if (earlier && pidAlive(earlier)) throw new CliError(EXIT.DATABASE, `A Neo4j (pid ${earlier}) is still starting or stopping for ${dataDir}; try again, or run "claimgraph db stop".`);
  await mkdir(dataDir, { recursive: true });
  const files = stateFiles(dataDir);
  const logFile = await open(files.log, 'a');
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const args = ['--import', tsx, DAEMON, '--data-dir', dataDir, ...(o.port ? ['--port', String(o.port)] : [])];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', logFile.fd, logFile.fd], env: process.env });
  child.unref();
  await logFile.close();
  if (child.pid === undefined) throw new CliError(EXIT.DATABASE, 'Could not start the background process');
  await writeFile(files.pid, `${child.pid}\n`);
  if (!o.quiet) console.error(`Starting Neo4j in the background (pid ${child.pid}; log: ${files.log})...`);
  const deadline = Date.now() + (o.timeoutSeconds ?? 600) * 1000;
  for (;;) {
    const state = await readDaemonState(dataDir);
    if (state) {
      console.log(o.json ? JSON.stringify({ running: true, ...state }, null, 2) : describe(state));
      return EXIT.OK;
    }
    if (!pidAlive(child.pid)) {
      await removeState(dataDir);
      throw new CliError(EXIT.DATABASE, `Neo4j did not start. Last lines of ${files.log}:\n${await logTail(files.log)}`);
    }
    if (Date.now() > deadline) {
      process.kill(child.pid, 'SIGTERM');
      throw new CliError(EXIT.DATABASE, `Neo4j was not ready within ${o.timeoutSeconds ?? 600} s; stopping it. Last lines of ${files.log}:\n${await logTail(files.log)}`);
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
  console.log(o.json ? JSON.stringify({ running: true, ...state }, null, 2) : describe(state));
  return EXIT.OK;
}
