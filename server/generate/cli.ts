/**
 * `npm run generate -- --entities N --claims M --seed S --out <folder> [--csv <folder>] [--name <name>]`
 *
 * Writes a synthetic influence network as a dataset folder (import it with
 * `npm run import -- <folder>`), and with --csv the same data as CSV files
 * for Neo4j's LOAD CSV. Deterministic: the same arguments give the same bytes.
 */
import { parseArgs } from 'node:util';
import { generateDataset } from './generate.ts';

const USAGE = `Usage: npm run generate -- --entities N --claims M [--seed S] --out <folder> [--csv <folder>] [--name <dataset name>]

  --entities N   nodes in all, sources included (at least 20)
  --claims M     claims (relationships), at least 10
  --seed S       integer seed (default 1); the same seed gives the same files
  --out DIR      the dataset folder: dataset.yaml, 01-entities.jsonl, 02-sources.jsonl,
                 03-claims.jsonl, and .generated.json (hubs, typical nodes, degree figures)
  --csv DIR      also write nodes-<Label>.csv and claims-<TYPE>.csv for LOAD CSV`;

function positiveInt(name: string, raw: string | undefined, fallback?: number): number {
  if (raw === undefined) {
    if (fallback !== undefined) return fallback;
    throw new Error(`--${name} is required`);
  }
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: a whole number, got "${raw}"`);
  return n;
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        entities: { type: 'string' },
        claims: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        csv: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    if (!values.out) throw new Error('--out is required');
    const t0 = performance.now();
    const m = await generateDataset({
      entities: positiveInt('entities', values.entities),
      claims: positiveInt('claims', values.claims),
      seed: positiveInt('seed', values.seed, 1),
      out: values.out,
      csvOut: values.csv,
      name: values.name,
    });
    const s = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(
      `${m.name}: ${m.entities} entities, ${m.sources} sources, ${m.claims} claims in ${s} s -> ${values.out}` +
        `${values.csv ? ` (+ CSV in ${values.csv})` : ''}\n` +
        `degrees: median ${m.degree.median}, p99 ${m.degree.p99}, max ${m.degree.max} (top 1% of nodes hold ${(m.degree.top1PercentShare * 100).toFixed(1)}% of claim ends); ` +
        `hub ${m.hubs[0]?.id} ${m.hubs[0]?.degree}, typical ${m.typical.id} ${m.typical.degree}`,
    );
    return 0;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
}

process.exitCode = await main();
