// `npm run db`: runs the local Neo4j (no Docker) in the foreground until Ctrl+C;
// if its JVM dies, supervisor.ts starts it again (back-off, a log line each time).
//
// Env: NEO4J_BOLT_PORT (7687), NEO4J_DATA_DIR (<project>/.neo4j/data), NEO4J_PASSWORD,
//      NEO4J_HEAP (2g), NEO4J_PAGECACHE, NEO4J_TX_TIMEOUT, NEO4J_TX_MEMORY_MAX, NEO4J_TX_MEMORY_TOTAL.
// Flags: --port N, --data-dir DIR, --quiet (hide Neo4j's own log lines).
import path from 'node:path';
import type { LocalNeo4jOptions } from './launcher.ts';
import { superviseLocalNeo4j, type SupervisedNeo4j } from './supervisor.ts';

function usage(): string {
  return [
    'Usage: npm run db -- [--port N] [--data-dir DIR] [--quiet]',
    '',
    'Runs Neo4j Community locally (embedded in launcher/, built with Maven on first use),',
    'Bolt on 127.0.0.1 only. Restarted if its JVM dies; Ctrl+C stops it cleanly.',
    '',
    'Env: NEO4J_BOLT_PORT (default 7687), NEO4J_DATA_DIR (default .neo4j/data), NEO4J_PASSWORD',
    '     (default: generated once, kept in <data dir>/password), NEO4J_HEAP (2g), NEO4J_PAGECACHE (512m),',
    '     NEO4J_TX_TIMEOUT (30s), NEO4J_TX_MEMORY_MAX (half the heap), NEO4J_TX_MEMORY_TOTAL (70% of the heap)',
  ].join('\n');
}

function parseArgs(argv: string[]): { opts: LocalNeo4jOptions; quiet: boolean } {
  const opts: LocalNeo4jOptions = {};
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`Missing value for ${name}\n\n${usage()}`);
      return v;
    };
    switch (name) {
      case '--port': {
        const raw = value();
        const port = Number(raw);
        if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Invalid port '${raw}'`);
        opts.port = port;
        break;
      }
      case '--data-dir':
        opts.dataDir = path.resolve(value());
        break;
      case '--quiet':
        quiet = true;
        break;
      case '--help':
      case '-h':
        console.log(usage());
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown argument '${arg}'\n\n${usage()}`);
    }
  }
  return { opts, quiet };
}

async function main(): Promise<void> {
  const { opts, quiet } = parseArgs(process.argv.slice(2));
  const log = (line: string): void => {
    if (!quiet || line.startsWith('[neo4j]')) console.error(line);
  };

  const state: { neo?: SupervisedNeo4j } = {};
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.error(`\n[neo4j] ${signal}: stopping...`);
    if (!state.neo) return; // still starting: main() stops it once the start promise settles
    state.neo.stop().then(
      () => {
        console.error('[neo4j] stopped.');
        process.exit(0);
      },
      (err: unknown) => {
        console.error('[neo4j] error while stopping:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  const started = Date.now();
  const neo = await superviseLocalNeo4j({ ...opts, log, report: (line) => console.error(line) });
  state.neo = neo;
  if (stopping) {
    await neo.stop();
    process.exit(0);
  }

  const passwordNote = process.env.NEO4J_PASSWORD
    ? 'from NEO4J_PASSWORD (also kept in ' + path.join(neo.dataDir, 'password') + ')'
    : 'kept in ' + path.join(neo.dataDir, 'password') + ' (mode 600)';
  console.log(
    [
      '',
      `Neo4j ${neo.version} is running (pid ${neo.pid}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s).`,
      `  bolt URI : ${neo.uri}`,
      `  user     : ${neo.user}`,
      `  password : ${passwordNote}`,
      `  data dir : ${neo.dataDir}`,
      `  logs     : ${path.join(neo.dataDir, 'logs', 'debug.log')}`,
      '',
      `  e.g. NEO4J_URI=${neo.uri} NEO4J_USER=${neo.user} NEO4J_PASSWORD="$(cat ${path.join(neo.dataDir, 'password')})"`,
      '',
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(`[neo4j] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
