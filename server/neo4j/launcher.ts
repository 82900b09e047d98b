// Starts and stops a local Neo4j Community (embedded in the Java launcher under
// launcher/) as a child process: no Docker needed, only a JDK 17+ and Maven.
//
//   const neo = await startLocalNeo4j({ port: await findFreePort(), dataDir });
//   const driver = neo4j.driver(neo.uri, neo4j.auth.basic(neo.user, neo.password));
//   ...
//   await neo.stop();
//
// The launcher is built with Maven on first use and cached in launcher/target/.
// See launcher/README.md for the protocol (ready line) and the settings applied.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { pidAlive } from '../kernel/pid.ts';
import { recoverStoreSwap } from './store-swap.ts';

export interface LocalNeo4jOptions {
  /** Bolt port on 127.0.0.1. Default: NEO4J_BOLT_PORT or 7687. */
  port?: number;
  /** Neo4j home for store, logs and the password file. Default: NEO4J_DATA_DIR or <projectRoot>/.neo4j/data. */
  dataDir?: string;
  /** Password for user neo4j. Default: NEO4J_PASSWORD, else generated once and kept in <dataDir>/password. */
  password?: string;
  /** JVM max heap (-Xmx), e.g. "2g". Default: NEO4J_HEAP or "2g". */
  heap?: string;
  /** Receives build output and Neo4j's stderr/stdout lines. Default: discard. */
  log?: (line: string) => void;
  /** How long to wait for the ready line. Default 120 000 ms. */
  startTimeoutMs?: number;
}

export interface LocalNeo4j {
  uri: string;
  user: string;
  password: string;
  version: string;
  dataDir: string;
  pid: number;
  /** Resolves once the JVM is gone, whoever ended it (never rejects). */
  exited: Promise<Neo4jExit>;
  stop(): Promise<void>;
}

/** How a local Neo4j's JVM ended. */
export interface Neo4jExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stop() was called: an exit we asked for. */
  requested: boolean;
  /** The launcher printed its clean-shutdown line (store checkpointed and closed). */
  clean: boolean;
  /** The JVM's "Terminating due to java.lang.OutOfMemoryError: ..." line, when it died of -XX:+ExitOnOutOfMemoryError. */
  outOfMemory: string | undefined;
}

/** One line for logs: "was killed by SIGKILL", "ran out of memory (Java heap space)", "exited with code 1". */
export function describeExit(exit: Neo4jExit): string {
  if (exit.outOfMemory) return `ran out of memory (${exit.outOfMemory.replace(/^.*OutOfMemoryError:?\s*/, '') || 'OutOfMemoryError'})`;
  if (exit.signal) return `was killed by ${exit.signal}`;
  if (exit.clean) return 'was stopped (clean shutdown)';
  return `exited with code ${exit.code}`;
}

/** Project root, resolved from this file's location (server/neo4j/launcher.ts). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LAUNCHER_DIR = path.join(PROJECT_ROOT, 'launcher');
export const DEFAULT_DATA_DIR = path.join(PROJECT_ROOT, '.neo4j', 'data');
export const DEFAULT_BOLT_PORT = 7687;

const LAUNCHER_POM = path.join(LAUNCHER_DIR, 'pom.xml');
/** Only the main sources go into the jar; editing a JUnit test (src/test) does not rebuild it. */
const LAUNCHER_SRC = path.join(LAUNCHER_DIR, 'src', 'main');
const TARGET_DIR = path.join(LAUNCHER_DIR, 'target');
const LAUNCHER_JAR = path.join(TARGET_DIR, 'claimgraph-neo4j-launcher.jar');
const LAUNCHER_LIB = path.join(TARGET_DIR, 'lib');
/** Written after a successful Maven build; its mtime is what freshness is judged by. */
const BUILD_STAMP = path.join(TARGET_DIR, '.claimgraph-build-stamp');
const BUILD_LOCK = path.join(TARGET_DIR, '.claimgraph-build-lock');
/** Class-data-sharing archives (one per JVM build) that cut JVM start-up by ~1 s; created on first run. */
const CDS_BASENAME = 'claimgraph-neo4j-launcher';

const READY_PREFIX = 'CLAIMGRAPH_NEO4J_READY ';
const FAILED_PREFIX = 'CLAIMGRAPH_NEO4J_FAILED ';
const STOPPED_LINE = 'CLAIMGRAPH_NEO4J_STOPPED';
const INSTALL_HINT = 'apt-get install -y openjdk-17-jdk-headless maven';
const STDERR_TAIL_LINES = 30;
const STOP_GRACE_MS = 60_000;
/** What HotSpot prints when -XX:+ExitOnOutOfMemoryError ends the JVM. */
const OOM_LINE = /Terminating due to java\.lang\.OutOfMemoryError/;

const noop = (_line: string): void => {};

// --------------------------------------------------------------------------- prerequisites

function javaCommand(): string {
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', 'java') : 'java';
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string[];
}

/** Runs a command to completion, collecting stdout+stderr lines (and forwarding them to log). */
function run(cmd: string, args: string[], log: (line: string) => void = noop, cwd = PROJECT_ROOT): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const output: string[] = [];
    const onLine = (line: string): void => {
      output.push(line);
      if (output.length > 2000) output.shift();
      log(line);
    };
    readline.createInterface({ input: child.stdout }).on('line', onLine);
    readline.createInterface({ input: child.stderr }).on('line', onLine);
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, output }));
  });
}

function isEnoent(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Parses the major version out of `java -version` output ("17.0.15", "1.8.0_392", "25"). */
export function parseJavaMajor(versionOutput: string): number | null {
  const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!m?.[1]) return null;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

/** Resolves to `java -version`'s output (identifies the JVM build); rejects with install advice. */
let javaChecked: Promise<string> | undefined;
let mavenChecked: Promise<void> | undefined;

function checkJava(): Promise<string> {
  javaChecked ??= (async () => {
    const java = javaCommand();
    let res: RunResult;
    try {
      res = await run(java, ['-version']);
    } catch (err) {
      if (isEnoent(err)) {
        throw new Error(
          `Java 17+ is required to run the local Neo4j, but '${java}' was not found` +
            `${process.env.JAVA_HOME ? ' (JAVA_HOME is set; check it)' : ' on PATH'}. Install it, e.g. \`${INSTALL_HINT}\`.`,
        );
      }
      throw err;
    }
    const major = parseJavaMajor(res.output.join('\n'));
    if (res.code !== 0 || major === null) {
      throw new Error(`Could not determine the Java version from '${java} -version':\n${res.output.join('\n')}`);
    }
    if (major < 17) {
      throw new Error(
        `Java 17+ is required to run the local Neo4j (found Java ${major} at '${java}'). ` +
          `Install it, e.g. \`${INSTALL_HINT}\`, or point JAVA_HOME at a JDK 17+.`,
      );
    }
    return `${java}\n${res.output.join('\n')}`;
  })();
  javaChecked.catch(() => {
    javaChecked = undefined; // allow a retry after the user fixes it
  });
  return javaChecked;
}

function checkMaven(): Promise<void> {
  mavenChecked ??= (async () => {
    let res: RunResult;
    try {
      res = await run('mvn', ['-v']);
    } catch (err) {
      if (isEnoent(err)) {
        throw new Error(
          `Maven ('mvn') is required to build the local Neo4j launcher but was not found on PATH. ` +
            `Install it, e.g. \`${INSTALL_HINT}\`.`,
        );
      }
      throw err;
    }
    if (res.code !== 0) throw new Error(`'mvn -v' failed:\n${res.output.join('\n')}`);
  })();
  mavenChecked.catch(() => {
    mavenChecked = undefined;
  });
  return mavenChecked;
}

/** Throws a clear Error if java (17+) or mvn is missing, naming what to install. */
export async function checkPrerequisites(): Promise<void> {
  await checkJava();
  await checkMaven();
}

// --------------------------------------------------------------------------- build

async function mtimeMs(file: string): Promise<number | null> {
  try {
    return (await fsp.stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, await newestMtime(p));
    else newest = Math.max(newest, (await mtimeMs(p)) ?? 0);
  }
  return newest;
}

/** True when the built launcher exists and is newer than pom.xml and every file under launcher/src/main. */
export async function isLauncherBuildFresh(): Promise<boolean> {
  const [stamp, jar, lib] = await Promise.all([mtimeMs(BUILD_STAMP), mtimeMs(LAUNCHER_JAR), mtimeMs(LAUNCHER_LIB)]);
  if (stamp === null || jar === null || lib === null) return false;
  const newestInput = Math.max((await mtimeMs(LAUNCHER_POM)) ?? 0, await newestMtime(LAUNCHER_SRC));
  return stamp > newestInput;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Cross-process build lock (a directory holding the owner's pid), so parallel test workers build once. */
async function withBuildLock<T>(log: (line: string) => void, fn: () => Promise<T>): Promise<T> {
  await fsp.mkdir(TARGET_DIR, { recursive: true });
  const deadline = Date.now() + 20 * 60_000;
  let announced = false;
  for (;;) {
    try {
      await fsp.mkdir(BUILD_LOCK);
      await fsp.writeFile(path.join(BUILD_LOCK, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(await fsp.readFile(path.join(BUILD_LOCK, 'pid'), 'utf8').catch(() => ''));
      const age = Date.now() - ((await mtimeMs(BUILD_LOCK)) ?? Date.now());
      const stale = (owner > 0 && !pidAlive(owner)) || (!(owner > 0) && age > 30_000) || age > 15 * 60_000;
      if (stale) {
        await fsp.rm(BUILD_LOCK, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the launcher build lock ${BUILD_LOCK}`);
      if (!announced) {
        log(`[neo4j] waiting for another process (pid ${owner || '?'}) building the launcher...`);
        announced = true;
      }
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    await fsp.rm(BUILD_LOCK, { recursive: true, force: true });
  }
}

let buildInFlight: Promise<void> | undefined;

/** Builds launcher/ with Maven on first use (or when pom.xml / src changed); cached afterwards. */
export async function ensureLauncherBuilt(log: (line: string) => void = noop): Promise<void> {
  if (await isLauncherBuildFresh()) return;
  buildInFlight ??= (async () => {
    try {
      await checkMaven();
      await withBuildLock(log, async () => {
        if (await isLauncherBuildFresh()) return; // another process built it meanwhile
        const started = Date.now();
        log('[neo4j] building the Neo4j launcher with Maven (first use; cached in launcher/target)...');
        await fsp.rm(BUILD_STAMP, { force: true });
        await removeCdsArchives(() => true);
        // JUnit tests run in CI (.ci/run: mvn test), not on every first start.
        const args = ['-q', '-B', '-f', LAUNCHER_POM, '-DskipTests', 'package'];
        const res = await run('mvn', args, log);
        if (res.code !== 0) {
          throw new Error(
            `Building the Neo4j launcher failed (mvn ${args.join(' ')} exited with ${res.code ?? res.signal}):\n` +
              res.output.slice(-40).join('\n'),
          );
        }
        await fsp.writeFile(BUILD_STAMP, `${new Date().toISOString()}\n`);
        log(`[neo4j] launcher built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      });
    } finally {
      buildInFlight = undefined;
    }
  })();
  return buildInFlight;
}

// --------------------------------------------------------------------------- class-data sharing

async function removeCdsArchives(filter: (name: string, ageMs: number) => boolean): Promise<void> {
  let names: string[];
  try {
    names = await fsp.readdir(TARGET_DIR);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(CDS_BASENAME) || !/\.jsa(\..*\.tmp)?$/.test(name)) continue;
    const file = path.join(TARGET_DIR, name);
    const age = Date.now() - ((await mtimeMs(file)) ?? Date.now());
    if (filter(name, age)) await fsp.rm(file, { force: true });
  }
}

interface CdsPlan {
  args: string[];
  /** Called once the JVM is gone; `clean` when it shut down normally. */
  finish(clean: boolean): Promise<void>;
}

/**
 * JVM start-up is dominated by loading ~20k classes. The first run dumps them into an AppCDS
 * archive at exit (-XX:ArchiveClassesAtExit); later runs map it (-XX:SharedArchiveFile). The JVM
 * validates the archive against the class path and its own build, and ignores it if they differ.
 * Disable with CLAIMGRAPH_NEO4J_CDS=0.
 */
async function planCds(javaIdentity: string): Promise<CdsPlan> {
  const none: CdsPlan = { args: [], finish: async () => {} };
  if (process.env.CLAIMGRAPH_NEO4J_CDS === '0') return none;
  const hash = createHash('sha256').update(javaIdentity).digest('hex').slice(0, 12);
  const archive = path.join(TARGET_DIR, `${CDS_BASENAME}-${hash}.jsa`);
  const [archiveMtime, stampMtime] = await Promise.all([mtimeMs(archive), mtimeMs(BUILD_STAMP)]);
  if (archiveMtime !== null && stampMtime !== null && archiveMtime > stampMtime) {
    return { args: [`-XX:SharedArchiveFile=${archive}`], finish: async () => {} };
  }
  // Leftovers of runs that never finished (killed) are removed after a while.
  await removeCdsArchives((name, age) => name.endsWith('.tmp') && age > 15 * 60_000);
  const tmp = `${archive}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  return {
    args: [`-XX:ArchiveClassesAtExit=${tmp}`],
    finish: async (clean) => {
      try {
        const size = (await fsp.stat(tmp)).size;
        if (clean && size > 0) await fsp.rename(tmp, archive);
        else await fsp.rm(tmp, { force: true });
      } catch {
        await fsp.rm(tmp, { force: true }).catch(() => {});
      }
    },
  };
}

// --------------------------------------------------------------------------- ports

/** A currently free TCP port on 127.0.0.1 (asked from the OS; free "now", not reserved). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close((err) => (err ? reject(err) : port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

// --------------------------------------------------------------------------- start / stop

interface ReadyInfo {
  bolt: string;
  version: string;
  dataDir: string;
  user: string;
  passwordFile: string;
}

function parseReady(json: string): ReadyInfo {
  const v: unknown = JSON.parse(json);
  const o = v as Record<string, unknown>;
  for (const k of ['bolt', 'version', 'dataDir', 'user', 'passwordFile'] as const) {
    if (typeof o[k] !== 'string') throw new Error(`ready line lacks '${k}': ${json}`);
  }
  return o as unknown as ReadyInfo;
}

function resolvePort(opt: number | undefined): number {
  const raw = opt ?? (process.env.NEO4J_BOLT_PORT ? Number(process.env.NEO4J_BOLT_PORT) : DEFAULT_BOLT_PORT);
  if (!Number.isInteger(raw) || raw < 1 || raw > 65535) {
    throw new Error(`Invalid Bolt port ${String(opt ?? process.env.NEO4J_BOLT_PORT)} (option port / NEO4J_BOLT_PORT)`);
  }
  return raw;
}

function resolveHeap(opt: string | undefined): string {
  const heap = (opt ?? process.env.NEO4J_HEAP ?? '2g').trim();
  if (!/^\d+[kKmMgG]?$/.test(heap)) throw new Error(`Invalid heap size '${heap}' (option heap / NEO4J_HEAP), e.g. "2g" or "512m"`);
  return heap;
}

/** JVM flags: heap from the caller; the rest mirrors neo4j.conf's server.jvm.additional defaults. */
function jvmArgs(heap: string): string[] {
  return [
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+ExitOnOutOfMemoryError',
    '-XX:+UnlockDiagnosticVMOptions',
    '-XX:+DebugNonSafepoints',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '-Dlog4j2.disable.jmx=true',
    '-Djol.skipHotspotSAAttach=true',
    '-Dfile.encoding=UTF-8',
    '-Djava.awt.headless=true',
    // JVM warnings go to stderr (stdout carries the launcher protocol); CDS chatter is dropped.
    '-Xlog:disable',
    '-Xlog:all=warning:stderr:uptime,level,tags',
    '-Xlog:cds*=off:stderr',
  ];
}

async function readPasswordFile(file: string): Promise<string> {
  const s = await fsp.readFile(file, 'utf8');
  return s.replace(/[\r\n]+$/, '');
}

/**
 * Starts Neo4j (building the launcher first if needed) and resolves once Bolt accepts connections.
 * Rejects if the process exits first or startTimeoutMs passes, with the last lines of its stderr.
 */
export async function startLocalNeo4j(opts: LocalNeo4jOptions = {}): Promise<LocalNeo4j> {
  const log = opts.log ?? noop;
  const port = resolvePort(opts.port);
  const heap = resolveHeap(opts.heap);
  const dataDir = path.resolve(opts.dataDir ?? process.env.NEO4J_DATA_DIR ?? DEFAULT_DATA_DIR);
  const timeoutMs = opts.startTimeoutMs ?? 120_000;
  if (opts.password !== undefined && [...opts.password].length < 8) {
    throw new Error('The Neo4j password must be at least 8 characters');
  }

  const javaIdentity = await checkJava();
  await ensureLauncherBuilt(log);
  const cds = await planCds(javaIdentity);
  // A bulk import killed while it swapped stores: the store from before it comes back first.
  await recoverStoreSwap(dataDir, log);

  const env: NodeJS.ProcessEnv = { ...process.env };
  if (opts.password !== undefined) env.NEO4J_PASSWORD = opts.password;
  delete env.JAVA_TOOL_OPTIONS; // would print "Picked up ..." noise and may override our flags
  const args = [
    ...jvmArgs(heap),
    ...cds.args,
    '-jar',
    LAUNCHER_JAR,
    '--port',
    String(port),
    '--data-dir',
    dataDir,
    '--exit-on-stdin-close',
  ];
  // detached: its own process group, so a Ctrl+C in the terminal reaches only Node, which then
  // stops Neo4j on purpose (a supervisor must not mistake that for a crash). A parent killed hard
  // still takes it down: --exit-on-stdin-close.
  const child: ChildProcess = spawn(javaCommand(), args, { cwd: PROJECT_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });

  // Never leave an orphan: SIGTERM synchronously when this Node process exits. (If Node is killed
  // hard, stdin closes and the launcher shuts itself down: --exit-on-stdin-close.)
  const onExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.on('exit', onExit);
  const stderrTail: string[] = [];
  let failure: string | undefined;
  let stoppedCleanly = false;
  let stopRequested = false;
  let outOfMemory: string | undefined;
  // 'close' comes after the process exited and its stdout/stderr were fully read.
  const exited = new Promise<Neo4jExit>((resolve) => {
    let done = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (done) return;
      done = true;
      process.removeListener('exit', onExit);
      const exit: Neo4jExit = { code, signal, requested: stopRequested, clean: stoppedCleanly, outOfMemory };
      void cds.finish(stoppedCleanly && (code === 0 || code === 143)).finally(() => resolve(exit));
    };
    child.once('close', (code, signal) => finish(code, signal));
    child.once('error', () => {
      if (child.pid === undefined) finish(null, null); // never started: no 'close' will follow
    });
  });
  const watchForOom = (line: string): void => {
    if (OOM_LINE.test(line)) outOfMemory = line.trim();
  };
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
    watchForOom(line);
    log(line);
  });

  let stopPromise: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopRequested = true;
    stopPromise ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), STOP_GRACE_MS).unref());
      if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'timeout') {
        log(`[neo4j] pid ${child.pid} did not stop within ${STOP_GRACE_MS / 1000} s; sending SIGKILL`);
        child.kill('SIGKILL');
        await exited;
      }
      child.stdin?.destroy();
      if (!stoppedCleanly) log('[neo4j] stopped without the clean-shutdown line (see <dataDir>/logs/debug.log)');
    })();
    return stopPromise;
  };

  const ready = await new Promise<ReadyInfo>((resolve, reject) => {
    let settled = false;
    const settle = (err: Error | null, info?: ReadyInfo): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(info!);
    };
    const tail = (): string =>
      stderrTail.length ? `\n--- last ${stderrTail.length} lines of stderr ---\n${stderrTail.join('\n')}` : '';
    const timer = setTimeout(() => {
      settle(new Error(`Local Neo4j did not become ready within ${timeoutMs} ms (pid ${child.pid}).${tail()}`));
      void stop();
    }, timeoutMs);

    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith(READY_PREFIX)) {
        try {
          settle(null, parseReady(line.slice(READY_PREFIX.length)));
        } catch (err) {
          settle(err as Error);
          void stop();
        }
      } else if (line.startsWith(FAILED_PREFIX)) {
        try {
          const f = JSON.parse(line.slice(FAILED_PREFIX.length)) as { message?: string };
          failure = f.message ?? line;
        } catch {
          failure = line;
        }
      } else if (line === STOPPED_LINE) {
        stoppedCleanly = true;
        log(line);
      } else {
        watchForOom(line); // HotSpot prints it on stdout
        log(line);
      }
    });
    child.once('error', (err) => {
      settle(
        isEnoent(err)
          ? new Error(`Could not run '${javaCommand()}': not found. Install Java 17+, e.g. \`${INSTALL_HINT}\`.`)
          : err,
      );
    });
    child.once('close', (code, signal) => {
      settle(
        new Error(
          `Local Neo4j exited (${code !== null ? `code ${code}` : `signal ${signal}`}) before it was ready` +
            `${failure ? `: ${failure}` : ''}.${tail()}`,
        ),
      );
    });
  });

  let password: string;
  try {
    password = opts.password ?? (await readPasswordFile(ready.passwordFile));
  } catch (err) {
    await stop();
    throw new Error(`Local Neo4j started but its password file ${ready.passwordFile} is unreadable: ${String(err)}`);
  }

  return {
    uri: ready.bolt,
    user: ready.user,
    password,
    version: ready.version,
    dataDir: ready.dataDir,
    pid: child.pid!,
    exited,
    stop,
  };
}

// --------------------------------------------------------------------------- offline bulk import

const BULK_DONE_PREFIX = 'CLAIMGRAPH_BULK_DONE ';
const BULK_FAILED_PREFIX = 'CLAIMGRAPH_BULK_FAILED ';

export interface BulkImportOptions {
  /** The staging Neo4j home the new store is written into (it must hold none for `database`). */
  home: string;
  /** Default "neo4j". */
  database?: string;
  /** Node file groups: labels, then the header file and the data files. */
  nodes: { labels: string[]; files: string[] }[];
  relationships: { type: string; files: string[] }[];
  /** Files whose quoted values span lines. */
  multiline?: string[];
  /** Array delimiter, default U+001F. */
  arrayDelimiter?: string;
  /** Importer worker threads; default: the machine's processors. */
  threads?: number;
  /** The importer's off-heap memory: a size ("2g") or a share of the free memory ("90%", the import tool's default). */
  maxOffHeapMemory?: string;
  /** JVM heap of the importer. Default: NEO4J_IMPORT_HEAP or "2g". */
  heap?: string;
  /** The importer's progress and output lines. */
  log?: (line: string) => void;
  /** Stops the importer (SIGTERM); the staging home is then incomplete. */
  signal?: AbortSignal;
  /** Called with the importer JVM's pid once it runs. */
  onSpawn?: (pid: number) => void;
}

/** The importer refused the import: `reason` "input" (a row), "usage" (arguments), or "error". */
export class BulkImportError extends Error {
  override name = 'BulkImportError';
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** The command line of the launcher's bulk entry point (org.claimgraph.launcher.BulkImport). */
export function bulkImportArgs(o: BulkImportOptions): string[] {
  const hex = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return [
    '--home',
    o.home,
    '--database',
    o.database ?? 'neo4j',
    ...o.nodes.map((g) => `--nodes=${g.labels.join(':')}=${g.files.join(',')}`),
    ...o.relationships.map((g) => `--relationships=${g.type}=${g.files.join(',')}`),
    ...(o.multiline ?? []).map((f) => `--multiline=${f}`),
    '--array-delimiter',
    hex(o.arrayDelimiter ?? '\u001f'),
    ...(o.threads ? ['--threads', String(o.threads)] : []),
    ...(o.maxOffHeapMemory ? ['--max-off-heap-memory', o.maxOffHeapMemory] : []),
  ];
}

/**
 * The JVM the launcher's other entry points run in (the bulk importer, and
 * the import bench's `neo4j-admin` baseline): java, its flags for `heap`,
 * and the launcher's jar (its manifest puts Neo4j's jars on the class path).
 */
export async function launcherJvm(heap: string, log: (line: string) => void = noop): Promise<{ java: string; jvmArgs: string[]; jar: string }> {
  await checkJava();
  await ensureLauncherBuilt(log);
  return { java: javaCommand(), jvmArgs: jvmArgs(resolveHeap(heap)), jar: LAUNCHER_JAR };
}

/**
 * Runs Neo4j's batch importer (what `neo4j-admin database import full` runs)
 * on CSV files, in its own JVM from the launcher's jar, writing a new store
 * into a staging home; the caller moves it into place (store-swap.ts).
 * Resolves with the importer's time; rejects with a BulkImportError saying
 * what it refused, or when the JVM died (the staging home is then garbage).
 */
export async function runBulkImport(o: BulkImportOptions): Promise<{ millis: number }> {
  const log = o.log ?? noop;
  const javaIdentity = await checkJava();
  await ensureLauncherBuilt(log);
  const heap = resolveHeap(o.heap ?? process.env.NEO4J_IMPORT_HEAP ?? '2g');
  // The launcher's class-data archive, when there is one (it holds most classes the importer loads).
  const cds = await planCds(javaIdentity);
  const cdsArgs = cds.args.filter((a) => a.startsWith('-XX:SharedArchiveFile='));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.JAVA_TOOL_OPTIONS;
  const args = [...jvmArgs(heap), ...cdsArgs, '-cp', LAUNCHER_JAR, 'org.claimgraph.launcher.BulkImport', ...bulkImportArgs(o), '--exit-on-stdin-close'];
  const child = spawn(javaCommand(), args, { cwd: PROJECT_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  if (child.pid !== undefined) o.onSpawn?.(child.pid);
  const onExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.on('exit', onExit);
  const onAbort = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  o.signal?.addEventListener('abort', onAbort);
  const tail: string[] = [];
  let done: { millis: number } | undefined;
  let failed: { reason: string; message: string } | undefined;
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith(BULK_DONE_PREFIX)) done = JSON.parse(line.slice(BULK_DONE_PREFIX.length)) as { millis: number };
    else if (line.startsWith(BULK_FAILED_PREFIX)) failed = JSON.parse(line.slice(BULK_FAILED_PREFIX.length)) as { reason: string; message: string };
    else log(line);
  });
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    tail.push(line);
    if (tail.length > STDERR_TAIL_LINES) tail.shift();
    log(line);
  });
  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', (err) => reject(isEnoent(err) ? new Error(`Could not run '${javaCommand()}': not found. Install Java 17+, e.g. \`${INSTALL_HINT}\`.`) : err));
      child.once('close', (c, s) => resolve({ code: c, signal: s }));
    });
    if (code === 0 && done) return { millis: done.millis };
    if (failed) throw new BulkImportError(failed.message, failed.reason);
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    throw new BulkImportError(`Neo4j's importer ${how}${tail.length ? `:\n${tail.slice(-10).join('\n')}` : ''}`, 'error');
  } finally {
    process.removeListener('exit', onExit);
    o.signal?.removeEventListener('abort', onAbort);
    child.stdin?.destroy();
  }
}
