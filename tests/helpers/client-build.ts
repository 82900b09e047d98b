/** Builds the client for the browser tests when client/dist is missing or older than its sources. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Newest modification time under a path (files only). */
function newest(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

export function ensureClientBuilt(): void {
  const dist = path.join(ROOT, 'client/dist/index.html');
  const src = Math.max(newest(path.join(ROOT, 'client/src')), newest(path.join(ROOT, 'client/index.html')), newest(path.join(ROOT, 'client/vite.config.ts')));
  if (existsSync(dist) && statSync(dist).mtimeMs >= src) return;
  execFileSync('npx', ['vite', 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', timeout: 600_000 });
}
