/**
 * `claimgraph start` (alias `serve`; what `npm start` runs): reaches Neo4j
 * (NEO4J_URI, else the running `claimgraph db start`, else a local Neo4j
 * started here, the launcher built first when needed), imports the default
 * dataset when the database holds no entities, builds the client if it is not
 * built, and serves the API and the client on HOST:PORT (127.0.0.1:8080 by
 * default). Ctrl+C stops the server and the Neo4j it started, cleanly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENT_DIST, createApp } from '../../api/app.ts';
import type { Config } from '../../config.ts';
import { DatasetValidationError, importDataset, undoAbandonedImports } from '../../import/index.ts';
import { formatSummary } from '../../import/summary.ts';
import { createLogger } from '../../kernel/log.ts';
import { connect, type Connection } from '../../neo4j/connection.ts';
import type { CliCommand } from '../command.ts';
import { cliConfig, resolveConfig } from '../connect.ts';
import { CliError, EXIT, EXIT_HELP, type ExitCode } from '../exit.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function say(line: string) {
  process.stderr.write(`[claimgraph] ${line}\n`);
}

export const startCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('start')
      .alias('serve')
      .description('Start the app (what `npm start` runs): Neo4j, the default dataset into an empty database, the client, the API; Ctrl+C stops it.')
      .option('--no-build', 'do not build the client when it is not built (the API still runs)')
      .addHelpText(
        'after',
        `
Configuration is the environment (README.md, "Configuration"): HOST and PORT
(127.0.0.1:8080), NEO4J_URI and its credentials, DEFAULT_DATASET
(data/mek-network, imported when the database holds no entities), DOCUMENTS_DIR
(source documents its quotes are verified against), and the limits.

${EXIT_HELP}`,
      )
      .action(ctx.action(runStart));
  },
};

function buildClientIfMissing() {
  if (!existsSync(path.join(ROOT, 'client', 'vite.config.ts'))) return;
  if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) {
    say('building the client (first start)...');
    const r = spawnSync('npx', ['vite', 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) return say('client build failed; the API still runs');
  }
  // The viewer of published investigations (client/viewer.vite.config.ts), built into the client's dist.
  if (!existsSync(path.join(CLIENT_DIST, 'viewer', 'viewer.js')) && existsSync(path.join(ROOT, 'client', 'viewer.vite.config.ts'))) {
    const r = spawnSync('npx', ['vite', 'build', '--config', 'client/viewer.vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) say('the viewer build failed; publishing investigations will not work');
  }
}

async function importDefaultIfEmpty(config: Config, conn: Connection): Promise<void> {
  const { records } = await conn.driver.executeQuery('MATCH (n:Entity) RETURN count(n) > 0 AS any', {}, { database: conn.database, routing: 'READ' });
  if (records[0]?.get('any') === true) return;
  const folder = path.resolve(ROOT, config.DEFAULT_DATASET);
  const dataset = existsSync(folder) ? folder : path.join(ROOT, 'tests/fixtures/mini');
  say(`the database is empty: importing ${path.relative(ROOT, dataset)}`);
  if (config.DOCUMENTS_DIR && !existsSync(config.DOCUMENTS_DIR)) say(`DOCUMENTS_DIR: ${config.DOCUMENTS_DIR} does not exist; quotes are checked only against the dataset's own documents/`);
  try {
    // Into the empty local database: a bulk load (Neo4j stopped and started again meanwhile).
    // Quotes are verified where documents are available (DOCUMENTS_DIR, or the
    // dataset's documents/ folder), but a quote not found does not keep the app
    // from starting: the claim is marked not-found (see "claimgraph verify").
    const summary = await importDataset(conn.driver, dataset, { database: conn.database, offline: conn.local, documents: config.DOCUMENTS_DIR, allowUnverified: true });
    say(formatSummary(summary));
    if (summary.verification.notFound.length > 0) {
      say(`${summary.verification.notFound.length} quotes were not found in their documents and are marked not-found: run "npx claimgraph verify ${path.relative(ROOT, dataset)}" for the details`);
    }
  } catch (err) {
    say(err instanceof DatasetValidationError ? err.message : `import failed: ${(err as Error).message}`);
  }
}

/**
 * What a killed chunked import wrote (invisible to reads: not :Entity) is
 * deleted before serving, unless that import may still be running
 * (server/import/write/import-run.ts).
 */
async function undoKilledImports(conn: Connection): Promise<void> {
  try {
    const { undone, running } = await undoAbandonedImports(conn.driver, conn.database);
    for (const u of undone) say(`undid an unfinished import of dataset "${u.dataset ?? 'unknown'}" (started ${u.startedAt ?? 'at an unknown time'})`);
    for (const u of running) say(`an import of dataset "${u.dataset ?? 'unknown'}" is still running; its data is invisible until it ends`);
  } catch (err) {
    say(`could not check for unfinished imports: ${(err as Error).message}`);
  }
}

function listen(server: Server, config: Config): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => {
      server.removeListener('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : config.PORT);
    });
  });
}

/** Serves until SIGINT/SIGTERM, which stop the server and Neo4j and end the process. */
async function runStart(o: { build: boolean }): Promise<ExitCode> {
  const config = cliConfig();
  const log = createLogger(config.LOG_LEVEL);
  if (o.build) buildClientIfMissing();
  let conn: Connection;
  try {
    conn = await connect(await resolveConfig(config), { log: say });
  } catch (err) {
    throw new CliError(EXIT.DATABASE, `[claimgraph] failed to start: ${(err as Error).message}`);
  }
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
    process.exit(EXIT.OK);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await undoKilledImports(conn);
  await importDefaultIfEmpty(config, conn);
  const app = createApp({ driver: conn.driver, database: conn.database, config, log, limits: { concurrency: config.HEAVY_CONCURRENCY, queue: config.HEAVY_QUEUE } });
  const server = app.listen(config.PORT, config.HOST);
  ref.server = server;
  try {
    const port = await listen(server, config);
    say(`claimgraph is ready at http://${config.HOST}:${port}/ (API docs at /api/docs; Neo4j at ${conn.uri})`);
    return EXIT.OK;
  } catch (err) {
    await conn.close();
    throw new CliError(EXIT.USAGE, `[claimgraph] failed to start: cannot listen on ${config.HOST}:${config.PORT}: ${(err as Error).message} (set HOST and PORT)`);
  }
}
