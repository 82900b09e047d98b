/**
 * Helpers of the rendering benchmark (bench/render.ts): statistics (median
 * and spread of several runs), the machine's description for the results
 * line, and builds that are redone only when their sources changed. Kept
 * apart from bench/lib/ so that this benchmark does not depend on the other
 * benchmarks' internals.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RENDER_DIR = path.dirname(fileURLToPath(import.meta.url));
export const BENCH_DIR = path.resolve(RENDER_DIR, '..');
export const ROOT = path.resolve(BENCH_DIR, '..');
export const DATA_DIR = path.join(BENCH_DIR, 'data');
export const RESULTS_FILE = path.join(BENCH_DIR, 'results.jsonl');

export interface Stat {
  median: number;
  min: number;
  max: number;
  /** (max - min) / median: how noisy the runs were. */
  spread: number;
  n: number;
  runs: number[];
}

export function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = (s.length - 1) / 2;
  return (s[Math.floor(m)]! + s[Math.ceil(m)]!) / 2;
}

export function stat(values: number[], digits = 2): Stat {
  const ok = values.filter((v) => Number.isFinite(v));
  const sorted = [...ok].sort((a, b) => a - b);
  const med = median(ok);
  const min = sorted[0] ?? NaN;
  const max = sorted.at(-1) ?? NaN;
  return {
    median: round(med, digits),
    min: round(min, digits),
    max: round(max, digits),
    spread: round(med ? (max - min) / med : 0, 3),
    n: ok.length,
    runs: values.map((v) => round(v, digits)),
  };
}

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

/** Newest modification time of the files under a path. */
export function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).filter((f) => f !== 'dist' && f !== 'node_modules').map((f) => newest(path.join(p, f))));
}

/** Runs `vite build --config <config>` when `<out>/index.html` (or `entry`) is older than any of `sources`. */
export function buildIfStale(config: string, entry: string, sources: string[], log: (l: string) => void): boolean {
  const built = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  const src = Math.max(...sources.map(newest));
  if (built >= src) return false;
  log(`building ${path.relative(ROOT, config)} ...`);
  execFileSync('npx', ['vite', 'build', '--config', config, '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  return true;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A fixed-width text table. */
export function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
