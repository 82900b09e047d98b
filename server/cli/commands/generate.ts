/**
 * `claimgraph generate` (`npm run generate -- ...`): a synthetic influence
 * network as a dataset folder (import it with `claimgraph import <folder>`),
 * and with --csv the same data as CSV files for Neo4j's LOAD CSV.
 * Deterministic: the same arguments give the same bytes.
 */
import { InvalidArgumentError } from 'commander';
import { generateDataset } from '../../generate/generate.ts';
import type { CliCommand } from '../command.ts';
import { CliError, EXIT, EXIT_HELP, type ExitCode } from '../exit.ts';

interface GenerateFlags {
  entities: number;
  claims: number;
  seed: number;
  out: string;
  csv?: string;
  name?: string;
}

/** A whole number; `_` may group digits (1_000_000). */
function wholeNumber(raw: string): number {
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`a whole number, got "${raw}"`);
  return n;
}

export const generateCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('generate')
      .description('Write a synthetic influence network of any size as a dataset folder (deterministic for a seed).')
      .requiredOption('--entities <n>', 'nodes in all, sources included (at least 20)', wholeNumber)
      .requiredOption('--claims <n>', 'claims (relationships), at least 10', wholeNumber)
      .option('--seed <n>', 'integer seed; the same seed gives the same files', wholeNumber, 1)
      .requiredOption(
        '--out <dir>',
        'the dataset folder: dataset.yaml, 01-entities.jsonl, 02-sources.jsonl, 03-claims.jsonl, and .generated.json (hubs, typical nodes, degree figures)',
      )
      .option('--csv <dir>', 'also write nodes-<Label>.csv and claims-<TYPE>.csv for LOAD CSV')
      .option('--name <name>', 'the dataset name (default synthetic-n<N>-m<M>-s<S>)')
      .addHelpText('after', `\nExample:\n  claimgraph generate --entities 100_000 --claims 1_000_000 --seed 1 --out bench/data/big\n\n${EXIT_HELP}`)
      .action(ctx.action(async (o: GenerateFlags) => runGenerate(o)));
  },
};

async function runGenerate(o: GenerateFlags): Promise<ExitCode> {
  const t0 = performance.now();
  let m;
  try {
    m = await generateDataset({ entities: o.entities, claims: o.claims, seed: o.seed, out: o.out, csvOut: o.csv, name: o.name });
  } catch (err) {
    // A RangeError is an argument out of range (too few entities or claims).
    throw new CliError(err instanceof RangeError ? EXIT.USAGE : EXIT.INVALID, (err as Error).message);
  }
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(
    `${m.name}: ${m.entities} entities, ${m.sources} sources, ${m.claims} claims in ${s} s -> ${o.out}` +
      `${o.csv ? ` (+ CSV in ${o.csv})` : ''}\n` +
      `degrees: median ${m.degree.median}, p99 ${m.degree.p99}, max ${m.degree.max} (top 1% of nodes hold ${(m.degree.top1PercentShare * 100).toFixed(1)}% of claim ends); ` +
      `hub ${m.hubs[0]?.id} ${m.hubs[0]?.degree}, typical ${m.typical.id} ${m.typical.degree}`,
  );
  return EXIT.OK;
}
