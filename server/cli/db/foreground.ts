/**
 * `claimgraph db run` (`npm run db`): the local Neo4j (no Docker) in the
 * foreground until Ctrl+C, restarted if its JVM dies; exits 3 when it fails
 * to start.
 */
import path from 'node:path';
import { superviseLocalNeo4j, type SupervisedNeo4j } from '../../neo4j/supervisor.ts';
import { CliError, EXIT } from '../exit.ts';
import { supervise } from './supervise.ts';

export const DB_ENV_HELP = `Env: NEO4J_BOLT_PORT (default 7687), NEO4J_DATA_DIR (default .neo4j/data), NEO4J_PASSWORD
     (default: generated once, kept in <data dir>/password), NEO4J_HEAP (2g), NEO4J_PAGECACHE (512m),
     NEO4J_TX_TIMEOUT (30s), NEO4J_TX_MEMORY_MAX (half the heap), NEO4J_TX_MEMORY_TOTAL (70% of the heap)`;

export interface RunOptions {
  port?: number;
  dataDir?: string;
  /** Hide Neo4j's own log lines (the launcher's `[neo4j]` lines stay). */
  quiet?: boolean;
}

function banner(neo: SupervisedNeo4j, readyMs: number): string {
  const passwordFile = path.join(neo.dataDir, 'password');
  const passwordNote = process.env.NEO4J_PASSWORD ? `from NEO4J_PASSWORD (also kept in ${passwordFile})` : `kept in ${passwordFile} (mode 600)`;
  return [
    '',
    `Neo4j ${neo.version} is running (pid ${neo.pid}, ready in ${(readyMs / 1000).toFixed(1)} s).`,
    `  bolt URI : ${neo.uri}`,
    `  user     : ${neo.user}`,
    `  password : ${passwordNote}`,
    `  data dir : ${neo.dataDir}`,
    `  logs     : ${path.join(neo.dataDir, 'logs', 'debug.log')}`,
    '',
    `  e.g. NEO4J_URI=${neo.uri} NEO4J_USER=${neo.user} NEO4J_PASSWORD="$(cat ${passwordFile})"`,
    '',
    'Press Ctrl+C to stop.',
  ].join('\n');
}

/** Runs until Ctrl+C (it ends the process itself). */
export async function runForeground(o: RunOptions): Promise<void> {
  const log = (line: string): void => {
    if (!o.quiet || line.startsWith('[neo4j]')) console.error(line);
  };
  const started = Date.now();
  const neo = await supervise({
    start: () =>
      superviseLocalNeo4j({
        port: o.port,
        dataDir: o.dataDir === undefined ? undefined : path.resolve(o.dataDir),
        log,
        report: (line) => console.error(line),
      }).catch((err: unknown) => {
        throw new CliError(EXIT.DATABASE, `[neo4j] ${err instanceof Error ? err.message : String(err)}`);
      }),
    signals: ['SIGINT', 'SIGTERM'],
    onSignal: (sig) => console.error(`\n[neo4j] ${sig}: stopping...`),
    shutdown: async (n, code) => {
      try {
        await n?.stop();
        if (code === 0) console.error('[neo4j] stopped.');
      } catch (err) {
        console.error('[neo4j] error while stopping:', err);
        code = EXIT.DATABASE;
      }
      process.exit(code === 0 ? EXIT.OK : EXIT.DATABASE);
    },
  });
  console.log(banner(neo, Date.now() - started));
}
