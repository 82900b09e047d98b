/**
 * `npm run import -- <dataset folder> [--dataset name] [--dry-run]`
 * Exit codes: 0 imported, 1 the dataset is invalid (nothing written),
 * 2 bad usage, 3 Neo4j unreachable or the write failed (nothing written).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { connect } from '../neo4j/connection.ts';
import { DatasetValidationError, importDataset } from './index.ts';
import { createProgress } from './progress.ts';
import { formatSummary } from './summary.ts';

const USAGE = `Usage: npm run import -- <dataset folder> [--dataset <name>] [--dry-run] [--quiet]

Validates every file of the dataset folder, then writes it to Neo4j in one
transaction (all or nothing). Uses NEO4J_URI when set, else the local Neo4j.`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        dataset: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  const folder = args.positionals[0];
  if (!folder || args.positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const quiet = args.values.quiet ?? false;
  const log = quiet ? () => {} : (l: string) => console.error(l);
  const conn = await connect(config, { log }).catch((err: Error) => {
    console.error(`Cannot reach Neo4j: ${err.message}`);
    return undefined;
  });
  if (!conn) return 3;
  const progress = createProgress(process.stderr, quiet);
  const stop = async () => {
    progress.stop();
    await conn.close();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    const summary = await importDataset(conn.driver, folder, {
      database: conn.database,
      name: args.values.dataset,
      dryRun: args.values['dry-run'],
      onProgress: (p) => progress.update(p.phase, p.done, p.total),
    });
    progress.stop();
    console.log(formatSummary(summary, args.values['dry-run']));
    return 0;
  } catch (err) {
    progress.stop();
    if (err instanceof DatasetValidationError) {
      console.error(err.message);
      return 1;
    }
    console.error(`Import failed, nothing was written: ${(err as Error).message}`);
    return 3;
  } finally {
    await stop();
  }
}

process.exitCode = await main();
