#!/usr/bin/env node
// Makes a fresh machine ready, so the README's two commands work as written:
//   node scripts/ensure.mjs deps      npm dependencies installed and current
//   node scripts/ensure.mjs chromium  Debian's Chromium for the browser tests
// Plain Node (no dependencies): it runs before `npm install` has.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, opts = {}) => {
  console.error(`[ensure] ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

function deps() {
  const lock = path.join(root, 'package-lock.json');
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function chromium() {
  const bin = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(bin)) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    console.error(`[ensure] Chromium is missing at ${bin}. Install Debian's package: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
    process.exit(1);
  }
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function java() {
  const hasJava = spawnSync('sh', ['-c', 'command -v java && command -v mvn'], { stdio: 'ignore' }).status === 0;
  if (hasJava) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    console.error('[ensure] Java 17+ and Maven are needed for the local Neo4j: sudo apt-get install -y openjdk-17-jdk-headless maven (or set NEO4J_URI to use another Neo4j).');
    process.exit(1);
  }
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'openjdk-17-jdk-headless', 'maven'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const what = process.argv.slice(2);
for (const w of what) {
  if (w === 'deps') deps();
  else if (w === 'chromium') chromium();
  else if (w === 'java') {
    if (!process.env.NEO4J_URI) java();
  } else {
    console.error(`unknown: ${w}`);
    process.exit(2);
  }
}
