/**
 * What every benchmark shares: the bench's own Neo4j (fresh store per run
 * when asked), generated datasets cached under bench/data/, statistics
 * (median and spread of several runs), child processes whose peak memory is
 * measured by the OS, and the results file (bench/results.jsonl, one JSON
 * line per benchmark run).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDataset, type GenerateManifest } from '../../server/generate/generate.ts';
import { startLocalNeo4j, findFreePort, type LocalNeo4j } from '../../server/neo4j/launcher.ts';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(BENCH_DIR, '..');
export const DATA_DIR = path.join(BENCH_DIR, 'data');
export const RESULTS_FILE = path.join(BENCH_DIR, 'results.jsonl');

/**
 * Settings of the bench's Neo4j, unless the environment sets them: a heap and
 * per-transaction memory large enough for the importer's single transaction
 * at 1M claims, a transaction timeout that does not cut a long import, and a
 * page cache that holds the whole store (about 1.5 GB at 100k/1M).
 */
export const BENCH_NEO4J_ENV: Record<string, string> = {
  NEO4J_HEAP: '8g',
  NEO4J_TX_MEMORY_MAX: '5g', // under the launcher's total (70% of the heap)
  NEO4J_TX_TIMEOUT: '60m',
  NEO4J_PAGECACHE: '2g',
};

export function neo4jSettings(): Record<string, string> {
  return Object.fromEntries(Object.keys(BENCH_NEO4J_ENV).map((k) => [k, process.env[k] ?? BENCH_NEO4J_ENV[k]!]));
}

export async function startBenchNeo4j(
  dataDir: string,
  opts: { fresh?: boolean; log?: (l: string) => void; settings?: Record<string, string> } = {},
): Promise<LocalNeo4j> {
  for (const [k, v] of Object.entries({ ...neo4jSettings(), ...opts.settings })) process.env[k] = v;
  if (opts.fresh) await rm(dataDir, { recursive: true, force: true });
  return startLocalNeo4j({ port: await findFreePort(), dataDir, password: 'bench-password', log: opts.log, startTimeoutMs: 300_000 });
}

/** Peak resident memory of a live process (VmHWM), in MiB, or null. */
export function peakRssMiB(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

// ---- datasets ----------------------------------------------------------------

export interface Generated {
  dir: string;
  dataset: string;
  csv: string;
  manifest: GenerateManifest;
}

/** The dataset of that size and seed under bench/data/, generated on first use (with CSV). */
export async function ensureDataset(entities: number, claims: number, seed = 1, log: (l: string) => void = console.log): Promise<Generated> {
  const dir = path.join(DATA_DIR, `n${entities}-m${claims}-s${seed}`);
  const dataset = path.join(dir, 'dataset');
  const csv = path.join(dir, 'csv');
  const manifestFile = path.join(dataset, '.generated.json');
  if (existsSync(manifestFile) && existsSync(csv)) {
    return { dir, dataset, csv, manifest: JSON.parse(readFileSync(manifestFile, 'utf8')) as GenerateManifest };
  }
  log(`generating ${entities} entities / ${claims} claims (seed ${seed}) into ${path.relative(ROOT, dir)} ...`);
  await rm(dir, { recursive: true, force: true });
  const t0 = performance.now();
  const manifest = await generateDataset({ entities, claims, seed, out: dataset, csvOut: csv });
  log(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { dir, dataset, csv, manifest };
}

// ---- statistics --------------------------------------------------------------

export interface Stat {
  median: number;
  min: number;
  max: number;
  /** (max - min) / median: how noisy the runs were. */
  spread: number;
  n: number;
  runs: number[];
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Median and spread of the finite values (a run that produced no figure is left out, and n says so). */
export function stat(values: number[], digits = 2): Stat {
  values = values.filter((v) => Number.isFinite(v));
  const sorted = [...values].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const min = sorted[0] ?? NaN;
  const max = sorted.at(-1) ?? NaN;
  const r = (v: number) => round(v, digits);
  return { median: r(median), min: r(min), max: r(max), spread: round(median ? (max - min) / median : 0, 3), n: values.length, runs: values.map(r) };
}

export function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function fmt(s: Stat, unit = ''): string {
  return `${s.median}${unit} (min ${s.min}, max ${s.max}, n=${s.n})`;
}

// ---- machine and results -------------------------------------------------------

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memGiB: round(os.totalmem() / 2 ** 30, 1),
    loadAvg: os.loadavg().map((x) => round(x)),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

export async function appendResult(bench: string, result: Record<string, unknown>): Promise<void> {
  const line = JSON.stringify({ bench, at: new Date().toISOString(), machine: machine(), neo4jSettings: neo4jSettings(), ...result });
  await appendFile(RESULTS_FILE, line + '\n');
}

// ---- child processes ---------------------------------------------------------

export interface ChildResult<T> {
  code: number | null;
  /** The last line of stdout that starts with RESULT, parsed. */
  result: T | undefined;
  stderr: string;
}

/**
 * Runs a TypeScript file in its own Node process (tsx), so that its peak
 * memory is its own; the child prints `RESULT {json}` as its last word.
 */
export function runChild<T>(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  onLine?: (l: string) => void,
  /** Kill the child (SIGTERM) after this long; its result is then undefined. */
  timeoutMs?: number,
): Promise<ChildResult<T> & { timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      if (err.length > 200_000) err = err.slice(-100_000);
      if (onLine) for (const l of d.split('\n')) if (l.trim()) onLine(l);
    });
    let timedOut = false;
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGTERM');
        }, timeoutMs)
      : undefined;
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      const line = out
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('RESULT '));
      resolve({ code, result: line ? (JSON.parse(line.slice(7)) as T) : undefined, stderr: err, timedOut });
    });
  });
}

/** Prints the child's result line (for scripts run by runChild). */
export function emitResult(result: unknown): void {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

/** Peak RSS of this process so far, in MiB (getrusage ru_maxrss). */
export function selfPeakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function parseIntArg(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a whole number: ${raw}`);
  return n;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
