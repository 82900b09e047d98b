/**
 * The bulk strategy's input files, written by a worker thread while the main
 * thread validates the same dataset: both read and parse every record, but
 * on two cores at once (Neo4j is idle meanwhile), so the files are ready
 * about when validation is. The work is speculative: the main thread keeps
 * the files only when validation passed and the worker's dataset name and
 * counts are the plan's (bulk.ts); a record that fails its schema stops the
 * worker (validation reports it, with every other problem).
 *
 * The worker reads the inputs as validation does (listInputs, the dataset
 * name from dataset.yaml or the file, FtM files indexed first) and each
 * record through validatedRecords, the same pass the transactional
 * strategies make after validation.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { ReaderOptions } from '../../formats/index.ts';
import type { Claim, Entity, Source } from '../../model/dataset.ts';
import { listInputs, type Format } from '../inputs.ts';
import { metaAndContext, validatedRecords, type DatasetPlan } from '../load.ts';
import { BulkCsvWriter, type BulkFiles } from './bulk-csv.ts';

export interface BulkWorkerInput {
  /** Marks this module's own worker (a test runner's worker threads have workerData of their own). */
  claimgraphBulkFiles: true;
  target: string;
  name?: string;
  format?: Format;
  /** What the user states for GEXF and GraphML files (status, kind, type). */
  options?: ReaderOptions;
  dir: string;
}

type WorkerMessage =
  | { kind: 'progress'; nodes: number; claims: number }
  | { kind: 'done'; dataset: string; files: BulkFiles }
  | { kind: 'failed'; message: string };

/** Files being written by a worker; `result` rejects when it failed or was cancelled. */
export interface SpeculativeFiles {
  result: Promise<{ dataset: string; files: BulkFiles }>;
  /** Records written so far (for progress once the main thread waits for it). */
  progress(): { nodes: number; claims: number };
  cancel(): Promise<void>;
}

/** Starts the worker writing the files of `target` into `dir`. */
export function startBulkFiles(input: Omit<BulkWorkerInput, 'claimgraphBulkFiles'>): SpeculativeFiles {
  // The worker runs this module too, through an entry that registers the TypeScript loader first.
  const worker = new Worker(new URL('./bulk-worker-entry.mjs', import.meta.url), { workerData: { ...input, claimgraphBulkFiles: true } satisfies BulkWorkerInput });
  let counts = { nodes: 0, claims: 0 };
  let cancelled = false;
  const result = new Promise<{ dataset: string; files: BulkFiles }>((resolve, reject) => {
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'progress') counts = { nodes: m.nodes, claims: m.claims };
      else if (m.kind === 'done') resolve({ dataset: m.dataset, files: m.files });
      else reject(new Error(m.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(cancelled ? 'cancelled' : `the file writer stopped (exit code ${code})`)));
  });
  result.catch(() => undefined);
  return {
    result,
    progress: () => counts,
    cancel: async () => {
      cancelled = true;
      await worker.terminate();
    },
  };
}

async function run(input: BulkWorkerInput): Promise<void> {
  const port = parentPort!;
  const { inputs, folder, cleanup } = await listInputs(input.target, input.format);
  try {
    // The dataset's name and each input's first pass, as validateDataset makes them (load.ts; problems are validation's to report).
    const { meta, context } = await metaAndContext(input.target, inputs, folder, { name: input.name, format: input.format, options: input.options }, () => {});
    if (!meta) throw new Error('no dataset name');
    const writer = new BulkCsvWriter(input.dir, meta.name, 'w');
    let nodes = 0;
    let claims = 0;
    const plan = { inputs, context } as unknown as DatasetPlan;
    for await (const v of validatedRecords(plan, ['entities', 'sources', 'claims'])) {
      if ('from' in v) {
        writer.claim(v as Claim);
        claims++;
      } else {
        writer.node(v as Entity | Source);
        nodes++;
      }
      if ((nodes + claims) % 20_000 === 0) port.postMessage({ kind: 'progress', nodes, claims } satisfies WorkerMessage);
    }
    port.postMessage({ kind: 'progress', nodes, claims } satisfies WorkerMessage);
    port.postMessage({ kind: 'done', dataset: meta.name, files: writer.finish() } satisfies WorkerMessage);
  } finally {
    await cleanup?.();
  }
}

if (parentPort && (workerData as Partial<BulkWorkerInput> | undefined)?.claimgraphBulkFiles === true) {
  run(workerData as BulkWorkerInput).catch((err: unknown) => {
    parentPort!.postMessage({ kind: 'failed', message: (err as Error).message } satisfies WorkerMessage);
  });
}
