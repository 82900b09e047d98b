/**
 * Shared records in the database (write/layering.ts says how they are stored):
 * the import's statements leave a record another dataset wrote too alone and
 * return it (`layered`); these functions then read it, put this dataset's
 * layer in (or, removing a dataset, take its layer out), and write back what
 * layers.ts composes. Only shared records pay for the read: a record one
 * dataset writes alone is written by the import's statements directly.
 */
import type { QueryResult } from 'neo4j-driver';
import { cypher, withType } from '../../neo4j/cypher.ts';
import { toPlain } from '../../neo4j/values.ts';
import { composeRecord, labelOfProps, layerOf, layersOf, withLayer, withoutLayer, type Layers } from '../../model/layers.ts';
import type { Props, Row } from './props.ts';

/** Anything that runs a statement: a transaction, a session, the write pipeline. */
export interface Runner {
  run(text: string, params?: Record<string, unknown>): PromiseLike<QueryResult>;
}

/** The order datasets were first imported in (smaller is earlier), from their :Dataset nodes. */
export type Ranks = (dataset: string) => number | undefined;

export interface DatasetOrder {
  rank: Ranks;
  /** `since` of each dataset (kept by `--replace`). */
  since: Map<string, string>;
}

export async function datasetOrder(r: Runner): Promise<DatasetOrder> {
  const res = await r.run(cypher('import/dataset-ranks'), {});
  const since = new Map<string, string>();
  const rank = new Map<string, number>();
  res.records.forEach((rec, i) => {
    since.set(rec.get('name') as string, rec.get('since') as string);
    rank.set(rec.get('name') as string, i);
  });
  return { rank: (d) => rank.get(d), since };
}

function storedProps(raw: unknown): Props {
  return toPlain(raw) as Props;
}

/** What a composed write counts into the import's summary. */
export type Counted = (res: QueryResult) => void;

/**
 * Writes `dataset`'s values into shared nodes: `rows` are the import's node
 * rows ({id, props}) that merge-entities.cypher returned as `layered`.
 */
export async function layerEntities(r: Runner, dataset: string, rows: Row[], rank: Ranks, batchSize: number, counted?: Counted): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const res = await r.run(cypher('import/layer-read-entities'), { ids: batch.map((b) => b.id) });
    const stored = new Map(res.records.map((rec) => [rec.get('id') as string, storedProps(rec.get('props'))]));
    const out: Row[] = [];
    for (const row of batch) {
      const before = stored.get(row.id);
      if (!before) throw new Error(`the shared entity "${row.id}" vanished while this import ran`);
      const layers = withLayer(layersOf(before), dataset, layerOf(row.props as Props), rank);
      out.push(composedNode(row.id, layers, before));
    }
    counted?.(await r.run(cypher('import/layer-entities'), { rows: out }));
  }
}

function composedNode(id: string, layers: Layers, before: Props): Row {
  const props = composeRecord(id, layers, before);
  return { id, props, label: labelOfProps(props) ?? 'Concept' };
}

/** Writes `dataset`'s values into shared claims of one type: rows {id, from, to, props}. */
export async function layerClaims(r: Runner, dataset: string, type: string, rows: Row[], rank: Ranks, batchSize: number, counted?: Counted): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize).map((b) => ({ id: b.id, from: b.from, to: b.to, props: b.props }));
    const res = await r.run(withType(cypher('import/layer-read-claims-typed'), type), { rows: batch });
    const stored = new Map(res.records.map((rec) => [rec.get('id') as string, storedProps(rec.get('props'))]));
    const out = batch.map((row) => {
      const before = stored.get(row.id);
      if (!before) throw new Error(`the shared claim "${row.id}" vanished while this import ran`);
      return { ...row, props: composeRecord(row.id, withLayer(layersOf(before), dataset, layerOf(row.props as Props), rank), before) };
    });
    counted?.(await r.run(withType(cypher('import/layer-claims-typed'), type), { rows: out }));
  }
}

/**
 * Removing dataset `name`: every shared node and claim holding a layer of it
 * is rewritten from its other layers (a record left with one goes back to
 * exactly that dataset's values), `batchSize` at a time. `each` runs after
 * each batch (a batched removal commits there).
 */
export async function unlayerDataset(r: Runner, name: string, batchSize: number): Promise<{ nodes: number; claims: number }> {
  const done = { nodes: 0, claims: 0 };
  for (;;) {
    const res = await r.run(cypher('datasets/layered-claims'), { name, limit: batchSize });
    if (res.records.length === 0) break;
    const rows = res.records.map((rec) => {
      const before = storedProps(rec.get('props'));
      return { eid: rec.get('eid') as string, props: composeRecord(String(before.id), withoutLayer(layersOf(before), name), before) };
    });
    await r.run(cypher('datasets/relayer-claims'), { rows });
    done.claims += rows.length;
  }
  for (;;) {
    const res = await r.run(cypher('datasets/layered-nodes'), { name, limit: batchSize });
    if (res.records.length === 0) break;
    const rows = res.records.map((rec) => {
      const before = storedProps(rec.get('props'));
      return composedNode(rec.get('id') as string, withoutLayer(layersOf(before), name), before);
    });
    await r.run(cypher('import/layer-entities'), { rows });
    done.nodes += rows.length;
  }
  return done;
}

/**
 * The shared records of one import, collected from what its merging
 * statements returned as `layered`, then written with this dataset's layer
 * (after the statements that returned them; in the same transaction).
 */
export class SharedRecords {
  private readonly nodes: Row[] = [];
  private readonly claims = new Map<string, Row[]>();

  constructor(
    private readonly dataset: string,
    private readonly rank: Ranks,
    private readonly batchSize: number,
  ) {}

  /** For a statement's `then`: keeps the rows it returned as `layered`. */
  collect(rows: Row[], type?: string): (res: QueryResult) => void {
    return (res) => {
      const ids = res.records[0]?.has('layered') ? (res.records[0].get('layered') as string[]) : [];
      if (!ids.length) return;
      const set = new Set(ids);
      const into = type === undefined ? this.nodes : (this.claims.get(type) ?? this.claims.set(type, []).get(type)!);
      for (const r of rows) if (set.has(r.id)) into.push(r);
    };
  }

  /** Rows waiting to be layered. */
  get size(): number {
    let n = this.nodes.length;
    for (const list of this.claims.values()) n += list.length;
    return n;
  }

  async writeNodes(r: Runner, counted?: Counted): Promise<void> {
    await layerEntities(r, this.dataset, this.nodes.splice(0), this.rank, this.batchSize, counted);
  }

  async writeClaims(r: Runner, counted?: Counted): Promise<void> {
    for (const [type, rows] of this.claims) await layerClaims(r, this.dataset, type, rows, this.rank, this.batchSize, counted);
    this.claims.clear();
  }
}
