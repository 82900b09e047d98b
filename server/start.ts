/**
 * `npm start`: starts (or connects to) Neo4j, imports the default dataset when
 * the database holds no entities, builds the client if it is not built, and
 * serves the API and the client on HOST:PORT (127.0.0.1:8080 by default).
 * Ctrl+C stops the server and the Neo4j it started, cleanly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, CLIENT_DIST } from './api/app.ts';
import { createLogger } from './kernel/log.ts';
import { loadConfig } from './config.ts';
import { DatasetValidationError, importDataset } from './import/index.ts';
import { formatSummary } from './import/summary.ts';
import { connect } from './neo4j/connection.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function say(line: string) {
  process.stderr.write(`[claimgraph] ${line}\n`);
}

function buildClientIfMissing() {
  if (existsSync(path.join(CLIENT_DIST, 'index.html'))) return;
  if (!existsSync(path.join(ROOT, 'client', 'vite.config.ts'))) return;
  say('building the client (first start)...');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) say('client build failed; the API still runs');
}

async function main() {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  buildClientIfMissing();
  const conn = await connect(config, { log: say });
  const ref: { server?: Server } = {};
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping`);
    await new Promise<void>((resolve) => (ref.server ? ref.server.close(() => resolve()) : resolve()));
    ref.server?.closeAllConnections();
    await conn.close();
    say('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const { records } = await conn.driver.executeQuery('MATCH (n:Entity) RETURN count(n) > 0 AS any', {}, { database: conn.database, routing: 'READ' });
  if (records[0]?.get('any') !== true) {
    const folder = path.resolve(ROOT, config.DEFAULT_DATASET);
    const dataset = existsSync(folder) ? folder : path.join(ROOT, 'tests/fixtures/mini');
    say(`the database is empty: importing ${path.relative(ROOT, dataset)}`);
    if (config.DOCUMENTS_DIR && !existsSync(config.DOCUMENTS_DIR)) say(`DOCUMENTS_DIR: ${config.DOCUMENTS_DIR} does not exist; quotes are checked only against the dataset's own documents/`);
    try {
      // Quotes are verified where documents are available (DOCUMENTS_DIR, or the
      // dataset's documents/ folder), but a quote not found does not keep the app
      // from starting: the claim is marked not-found (see "claimgraph verify").
      const summary = await importDataset(conn.driver, dataset, { database: conn.database, documents: config.DOCUMENTS_DIR, allowUnverified: true });
      say(formatSummary(summary));
      if (summary.verification.notFound.length > 0) {
        say(`${summary.verification.notFound.length} quotes were not found in their documents and are marked not-found: run "npx claimgraph verify ${path.relative(ROOT, dataset)}" for the details`);
      }
    } catch (err) {
      say(err instanceof DatasetValidationError ? err.message : `import failed: ${(err as Error).message}`);
    }
  }

  const app = createApp({
    driver: conn.driver,
    database: conn.database,
    config,
    log,
    limits: { concurrency: config.HEAVY_CONCURRENCY, queue: config.HEAVY_QUEUE },
  });
  const server = app.listen(config.PORT, config.HOST, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
    say(`claimgraph is ready at http://${config.HOST}:${port}/ (API docs at /api/docs; Neo4j at ${conn.uri})`);
  });
  ref.server = server;
}

main().catch((err) => {
  say(`failed to start: ${(err as Error).message}`);
  process.exit(1);
});
