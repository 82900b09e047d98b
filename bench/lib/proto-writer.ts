/**
 * A prototype of the importer's write phase with the knobs the import
 * benchmark turns, to measure alternatives without touching server/import/:
 *
 * - `batchSize`: rows per `UNWIND $rows` statement (the importer: 5000);
 * - `txRows`: rows per transaction; 0 means one transaction for everything
 *   (the importer's atomic mode), n > 0 commits every n rows (chunked mode,
 *   which would need compensation to stay all-or-nothing);
 * - `overlap`: build the next batch (read, parse, zod) while Neo4j runs the
 *   previous one, instead of waiting for each statement before reading on;
 * - `skipFiles`: read each file only in the passes that need it (the
 *   importer re-reads every file once per section: entities, sources, claims).
 *
 * It uses the importer's own row builders (entityProps, claimProps, mergeProps), its
 * Cypher files and its validated-record reader, so the rows and statements are
 * the same; only the batching and transaction boundaries differ.
 */
import type { Driver, ManagedTransaction, QueryResult, Session, Transaction } from 'neo4j-driver';
import { readInputRecords } from '../../server/import/inputs.ts';
import { validatedRecords, type DatasetPlan } from '../../server/import/load.ts';
import { applySchema, claimProps, datasetProps, entityProps, mergeProps } from '../../server/import/write.ts';
import type { Claim, Entity, Source } from '../../server/model/dataset.ts';
import { KIND_LABELS, type EntityKind } from '../../server/model/kinds.ts';
import { cypher, withType } from '../../server/neo4j/cypher.ts';

export interface ProtoOptions {
  batchSize: number;
  txRows: number;
  overlap: boolean;
  skipFiles: boolean;
  /**
   * `importer`: the importer's statements (cypher/import/*.cypher).
   * `oncreate`: MERGE ... ON CREATE SET / ON MATCH SET, so that a new node or
   * claim is written once, without reading `datasets` first and without the
   * Eager operators the read/set conflicts force (the matched branch here
   * only adds properties: a real change keeps the importer's replace rule there).
   */
  shape: 'importer' | 'oncreate';
  /**
   * Group claims by relationship type and write each group with the type
   * spelt in the statement (`[r:FUNDED {id: row.id}]`), instead of one
   * statement with a dynamic type (`[r:$(row.type) ...]`): with a static type
   * MERGE expands only that type between the two endpoints; with a dynamic
   * one it expands every relationship between them and filters (PROFILE in
   * docs/benchmarks.md).
   */
  staticTypes: boolean;
}

const ONCREATE_ENTITIES = `UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n = row.props, n:$(row.label)
ON MATCH SET n += row.merge, n.datasets = CASE WHEN $dataset IN coalesce(n.datasets, []) THEN n.datasets ELSE coalesce(n.datasets, []) + $dataset END`;

const ONCREATE_CLAIMS = `UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
ON CREATE SET r = row.props
ON MATCH SET r += row.merge, r.datasets = CASE WHEN $dataset IN coalesce(r.datasets, []) THEN r.datasets ELSE coalesce(r.datasets, []) + $dataset END
RETURN count(r) AS written`;

type Props = Record<string, unknown>;
type Section = 'entities' | 'sources' | 'claims';

/** Which sections each input holds (the real change would keep this from the validation pass). */
async function sectionsOf(plan: DatasetPlan): Promise<Map<string, Set<Section>>> {
  const out = new Map<string, Set<Section>>();
  for (const input of plan.inputs) {
    const set = new Set<Section>();
    for await (const r of readInputRecords(input, plan.context, () => {})) {
      set.add(r.section);
      if (/\.jsonl$/i.test(input.file)) break; // prototype shortcut: our generated .jsonl files hold one section each
    }
    out.set(input.file, set);
  }
  return out;
}

export async function protoWrite(driver: Driver, plan: DatasetPlan, opts: ProtoOptions): Promise<{ ms: number; statements: number; transactions: number }> {
  const t0 = performance.now();
  const dataset = plan.meta.name;
  await applySchema(driver);
  const sections = opts.skipFiles ? await sectionsOf(plan) : undefined;
  const planFor = (section: Section): DatasetPlan =>
    sections ? { ...plan, inputs: plan.inputs.filter((i) => sections.get(i.file)?.has(section)) } : plan;

  const session: Session = driver.session({ defaultAccessMode: 'WRITE' });
  let tx: Transaction | undefined;
  let rowsInTx = 0;
  let statements = 0;
  let transactions = 0;
  /** Rows sent so far (nodes and claims), reported with a failure. */
  let rowsSent = 0;
  const nodeTotal = plan.counts.entities + plan.counts.sources;
  let lastProgress = 0;
  // Progress on stderr (throttled): what a run stopped at the bench's time bound had done.
  const progress = () => {
    const now = performance.now();
    if (now - lastProgress < 2000) return;
    lastProgress = now;
    const claims = Math.max(0, rowsSent - nodeTotal);
    console.error(`PROGRESS ${claims > 0 ? 'claims' : 'entities'} ${claims > 0 ? claims : rowsSent} ${claims > 0 ? plan.counts.claims : nodeTotal} ${Math.round(now - t0)}`);
  };
  let inflight: Promise<QueryResult> | undefined;
  const settle = async () => {
    if (inflight) await inflight;
    inflight = undefined;
  };
  const run = async (text: string, rows: Props[]) => {
    if (!tx) {
      tx = session.beginTransaction();
      transactions++;
    }
    await settle();
    const started = performance.now();
    const p = (tx as Transaction | ManagedTransaction).run(text, { rows, dataset });
    if (process.env.BENCH_TRACE) void p.then(() => console.error(`stmt ${statements} ${rows.length} rows ${Math.round(performance.now() - started)} ms ${text.includes('MERGE (n:Entity') ? 'nodes' : 'claims'}`));
    statements++;
    rowsSent += rows.length;
    progress();
    rowsInTx += rows.length;
    if (opts.overlap) inflight = p;
    else await p;
    if (opts.txRows > 0 && rowsInTx >= opts.txRows) {
      await settle();
      await tx.commit();
      tx = undefined;
      rowsInTx = 0;
    }
  };

  try {
    // Rows exactly as the importer builds them (server/import/write.ts), one batch for every kind and type.
    let rows: Props[] = [];
    const flush = async (text: string) => {
      if (!rows.length) return;
      const batch = rows;
      rows = [];
      await run(text, batch);
    };
    const entityText = opts.shape === 'oncreate' ? ONCREATE_ENTITIES : cypher('import/merge-entities');
    for (const section of ['entities', 'sources'] as const) {
      for await (const v of validatedRecords(planFor(section), section)) {
        const e = v as Entity | Source;
        const props = entityProps(e, dataset);
        rows.push({ id: e.id, label: KIND_LABELS[e.kind as EntityKind], props, merge: mergeProps(props), names: [e.name, ...e.aliases] });
        if (rows.length >= opts.batchSize) await flush(entityText);
      }
    }
    await flush(entityText);
    // Claims MATCH their endpoints: the node batches must be visible (same tx, or committed).
    await settle();
    if (opts.txRows > 0 && tx) {
      await tx.commit();
      tx = undefined;
      rowsInTx = 0;
    }

    const claimText = opts.shape === 'oncreate' ? ONCREATE_CLAIMS : cypher('import/merge-claims');
    if (!opts.staticTypes) {
      for await (const v of validatedRecords(planFor('claims'), 'claims')) {
        const c = v as Claim;
        const props = claimProps(c, dataset);
        rows.push({ id: c.id, type: c.type, from: c.from, to: c.to, props, merge: mergeProps(props) });
        if (rows.length >= opts.batchSize) await flush(claimText);
      }
      await flush(claimText);
    } else {
      if (!claimText.includes('$(row.type)')) throw new Error('the claim statement has no dynamic type to make static');
      const byType = new Map<string, Props[]>();
      const flushType = async (type: string) => {
        const batch = byType.get(type);
        if (!batch?.length) return;
        byType.set(type, []);
        await run(withType(claimText.replace('$(row.type)', '__TYPE__'), type), batch);
      };
      for await (const v of validatedRecords(planFor('claims'), 'claims')) {
        const c = v as Claim;
        const props = claimProps(c, dataset);
        const batch = byType.get(c.type) ?? [];
        batch.push({ id: c.id, type: c.type, from: c.from, to: c.to, props, merge: mergeProps(props) });
        byType.set(c.type, batch);
        if (batch.length >= opts.batchSize) await flushType(c.type);
      }
      for (const type of byType.keys()) await flushType(type);
    }
    await settle();
    if (!tx) {
      tx = session.beginTransaction();
      transactions++;
    }
    await tx.run(cypher('import/merge-dataset'), datasetProps(plan, dataset));
    await tx.commit();
    tx = undefined;
  } catch (err) {
    const open = tx as Transaction | undefined;
    if (open?.isOpen()) await open.rollback().catch(() => {});
    if (err && typeof err === 'object') Object.assign(err, { rowsSent, ms: Math.round(performance.now() - t0) });
    throw err;
  } finally {
    await session.close();
  }
  return { ms: Math.round(performance.now() - t0), statements, transactions };
}
