/**
 * `npm run import -- <folder or file> [--format native|csv|ftm] [--dataset name] [--replace name] [--dry-run]
 *   [--atomic | --chunked] [--tx-rows n] [--quiet] [--json] [--documents dir] [--allow-unverified]`
 * The same as `claimgraph import` (server/cli/import.ts).
 * Exit codes: 0 imported, 1 the dataset is invalid (nothing written),
 * 2 bad usage, 3 Neo4j unreachable or the write failed (nothing written).
 */
import { parseArgs } from 'node:util';
import { CliError, EXIT, EXIT_HELP } from '../cli/exit.ts';
import { runImport, WRITE_MODES_HELP } from '../cli/import.ts';
import { FORMATS, type Format } from './inputs.ts';

const USAGE = `Usage: npm run import -- <dataset folder or file> [--format native|csv|ftm] [--dataset <name>]
                          [--replace <name>] [--dry-run] [--atomic | --chunked] [--tx-rows <n>] [--json] [--quiet]
                          [--documents <dir>] [--allow-unverified]
       npm run import -- --replace <name>

Validates every file of the dataset (a folder, or one file: YAML/JSON/JSONL,
CSV, FollowTheMoney JSON lines, a ZIP of CSV files), then writes it to Neo4j.
${WRITE_MODES_HELP}Where a source's document is available (--documents <dir>, or <dataset>/documents/),
every quote is checked against it: a quote not found is an error and nothing is
written, unless --allow-unverified (the claims are then marked not-found).
--replace <name> first removes what that dataset contributed, in the same
transaction; alone, it only removes it (in batches).
Uses NEO4J_URI when set, else the local Neo4j ("claimgraph db start", or one
started for this import).

${EXIT_HELP}`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        dataset: { type: 'string' },
        format: { type: 'string' },
        replace: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        atomic: { type: 'boolean', default: false },
        chunked: { type: 'boolean', default: false },
        'tx-rows': { type: 'string' },
        documents: { type: 'string' },
        'allow-unverified': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return EXIT.USAGE;
  }
  if (args.values.help) {
    console.log(USAGE);
    return EXIT.OK;
  }
  const target = args.positionals[0];
  const format = args.values.format;
  if (args.positionals.length > 1 || (!target && !args.values.replace) || (format !== undefined && !(FORMATS as readonly string[]).includes(format))) {
    console.error(USAGE);
    return EXIT.USAGE;
  }
  try {
    return await runImport({
      target,
      format: format as Format | undefined,
      dataset: args.values.dataset,
      replace: args.values.replace,
      dryRun: args.values['dry-run'],
      atomic: args.values.atomic,
      chunked: args.values.chunked,
      txRows: args.values['tx-rows'] === undefined ? undefined : Number(args.values['tx-rows']),
      documents: args.values.documents,
      allowUnverified: args.values['allow-unverified'],
      json: args.values.json,
      quiet: args.values.quiet,
    });
  } catch (err) {
    if (err instanceof CliError) {
      console.error(err.message);
      return err.exitCode;
    }
    console.error(`Import failed, nothing was written: ${(err as Error).message}`);
    return EXIT.DATABASE;
  }
}

process.exitCode = await main();
