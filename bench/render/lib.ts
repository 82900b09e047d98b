/**
 * Helpers of the rendering benchmark (bench/render.ts): builds that are redone
 * only when their sources changed, and a text table. Paths, statistics and the
 * machine's description are the other benchmarks' (bench/lib/common.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../lib/common.ts';

export { DATA_DIR, machine, RESULTS_FILE, ROOT, round, sleep, stat, type Stat } from '../lib/common.ts';

export const RENDER_DIR = path.dirname(fileURLToPath(import.meta.url));

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

/** A fixed-width text table. */
export function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
