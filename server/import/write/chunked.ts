/**
 * Chunked: a transaction committed every `txRows` rows, so Neo4j's memory
 * stays bounded whatever the size. All or nothing by compensation: the
 * chunks only CREATE records that are not in the database yet (a read-only
 * existence check per batch of nodes, present-ids.cypher, then a pure CREATE
 * of the absent ones per kind, new-entities.cypher, and of the claims with an
 * endpoint this import created, new-claims-typed.cypher; the rest through
 * cypher/import/create-*.cypher, which check); a record that exists (shared
 * with another dataset, or from an earlier import of this one) is deferred to
 * the last transaction, which writes those, the :Dataset node, and ends the
 * :ImportRun marker committed before the first chunk (import-run.ts). On any
 * failure (or Ctrl+C, through `signal`) what the chunks created is deleted
 * again.
 */
import { randomUUID } from 'node:crypto';
import type { QueryResult } from 'neo4j-driver';
import type { Claim, Entity, Source } from '../../model/dataset.ts';
import { cypher, withLabel, withType } from '../../neo4j/cypher.ts';
import { claimBatches, datasetExists, finishImport, inWriteSession, nodeBatches, RowSender, type WriteContext, type WriteStrategy } from './context.ts';
import { endRun, startRun, undoRun, untagRun, type ImportRun } from './import-run.ts';
import { claimProps, entityProps, labelOf, mergeClaimRow, mergeNodeRow, type Row } from './props.ts';
import { AUTO_CHUNK_ABOVE, DEFAULT_TX_ROWS, ImportError } from './types.ts';

export const chunked: WriteStrategy = {
  mode: 'chunked',
  suits: (ctx) => ctx.records > AUTO_CHUNK_ABOVE && !ctx.opts.replace,
  async write(ctx) {
    const fresh = !(await datasetExists(ctx, ctx.dataset));
    const replace = ctx.opts.replace;
    if (replace && (await datasetExists(ctx, replace))) {
      throw new ImportError(
        `A chunked import cannot replace dataset "${replace}" and still undo a failure (the old version would already be gone): ` +
          `import with --atomic (one transaction), or remove it first with "claimgraph import --replace ${replace}", then import.`,
      );
    }
    const run: ImportRun = { run: randomUUID(), fresh };
    let markerWritten = false;
    const txRows = Math.max(1, ctx.opts.txRows ?? DEFAULT_TX_ROWS);
    await inWriteSession(
      ctx,
      txRows,
      async (pipe, session) => {
        await startRun(session, ctx.dataset, run);
        markerWritten = true;
        const w = new ChunkedWrite(ctx, new RowSender(ctx, pipe, fresh ? null : run.run));
        await w.nodes();
        await pipe.commit(); // claims MATCH their endpoints, so the nodes are committed first
        await w.claims();
        await pipe.settle();
        // The last transaction: what existed already, the marker's end, the :Dataset node.
        await pipe.commit();
        pipe.noMoreChunks();
        await w.deferred();
        await endRun(pipe, ctx.dataset, run);
        await finishImport(ctx, pipe, () => (markerWritten = false));
      },
      async (err) => {
        if (markerWritten) await undoAfterFailure(ctx, run, err);
      },
    );
    // A re-import tagged what it created (for an undo); the tag goes now.
    if (!fresh && ctx.stats.nodesCreated + ctx.stats.relationshipsCreated > 0) await untagRun(ctx, run);
  },
};

/** Undoes what the committed chunks created; when that fails too, says how it will be undone. */
async function undoAfterFailure(ctx: WriteContext, run: ImportRun, err: unknown): Promise<void> {
  ctx.progress({ phase: 'undo', done: 0, total: 1 });
  try {
    await undoRun(ctx.driver, ctx.dataset, run, ctx.database);
  } catch (undoErr) {
    throw new ImportError(
      `${(err as Error).message}\nUndoing the chunks already committed failed too (${(undoErr as Error).message}): ` +
        `the next import of "${ctx.dataset}" will undo them, or run "claimgraph import --replace ${ctx.dataset}".`,
    );
  }
  ctx.progress({ phase: 'undo', done: 1, total: 1 });
}

/** The chunks of one chunked import, and the records it defers to its last transaction. */
class ChunkedWrite {
  /** The nodes this import created: a claim with such an endpoint cannot be in the database yet. */
  private readonly created = new Set<string>();
  private readonly deferredNodes: Row[] = [];
  private readonly deferredClaims: Row[] = [];

  constructor(
    private readonly ctx: WriteContext,
    private readonly out: RowSender,
  ) {}

  /** Rows the statement did not write because their record exists: for the last transaction. */
  private defer(into: Row[], rows: Row[]) {
    return (res: QueryResult) => {
      const ids = res.records[0]?.has('deferred') ? (res.records[0].get('deferred') as string[]) : undefined;
      if (!ids?.length) return;
      const set = new Set(ids);
      for (const r of rows) if (set.has(r.id)) into.push(r);
    };
  }

  private async send(text: string, rows: Row[], deferInto: Row[]): Promise<void> {
    await this.out.send(text, rows, { then: this.defer(deferInto, rows) });
  }

  /** Ids that exist already: a read of its own (not in the chunk's transaction), so it runs while the previous statement is in flight. */
  private async presentIds(ids: string[]): Promise<Set<string>> {
    const res = await this.ctx.driver.executeQuery(cypher('import/present-ids'), { ids }, { database: this.ctx.database, routing: 'READ' });
    return new Set(res.records[0]?.get('present') as string[]);
  }

  async nodes(): Promise<void> {
    const { counts } = this.ctx.plan;
    this.out.begin('entities', counts.entities + counts.sources);
    for await (const batch of nodeBatches(this.ctx)) await this.nodeBatch(batch);
  }

  /** Records absent from the database by a pure CREATE per kind (only `props` on the wire); present ones by create-entities.cypher. */
  private async nodeBatch(batch: (Entity | Source)[]): Promise<void> {
    const present = await this.presentIds(batch.map((e) => e.id));
    const byLabel = new Map<string, Row[]>();
    const existing: Row[] = [];
    for (const e of batch) {
      const props = entityProps(e, this.ctx.dataset);
      if (present.has(e.id)) {
        existing.push(mergeNodeRow(e, props));
        continue;
      }
      this.created.add(e.id);
      const label = labelOf(e);
      let list = byLabel.get(label);
      if (!list) byLabel.set(label, (list = []));
      list.push({ id: e.id, props });
    }
    const newNodes = cypher('import/new-entities');
    for (const [label, rows] of byLabel) await this.send(withLabel(newNodes, label), rows, this.deferredNodes);
    if (existing.length) await this.send(cypher('import/create-entities'), existing, this.deferredNodes);
  }

  async claims(): Promise<void> {
    this.out.begin('claims', this.ctx.plan.counts.claims);
    for await (const { type, claims } of claimBatches(this.ctx)) await this.claimBatch(type, claims);
  }

  /**
   * A claim with an endpoint this import created is new (pure CREATE, only
   * `props`); one between two nodes that existed before may exist too
   * (create-claims-typed.cypher checks, and creates, skips or defers).
   */
  private async claimBatch(type: string, claims: Claim[]): Promise<void> {
    const fresh: Row[] = [];
    const other: Row[] = [];
    for (const c of claims) {
      const props = claimProps(c, this.ctx.dataset);
      if (this.created.has(c.from) || this.created.has(c.to)) fresh.push({ id: c.id, from: c.from, to: c.to, props });
      else other.push(mergeClaimRow(c, props));
    }
    if (fresh.length) await this.send(withType(cypher('import/new-claims-typed'), type), fresh, this.deferredClaims);
    if (other.length) await this.send(withType(cypher('import/create-claims-typed'), type), other, this.deferredClaims);
  }

  /** The deferred records, merged in the last transaction (no progress: counted already). */
  async deferred(): Promise<void> {
    const { batchSize } = this.ctx;
    const mergeNodes = cypher('import/merge-entities');
    for (let i = 0; i < this.deferredNodes.length; i += batchSize) {
      await this.out.send(mergeNodes, this.deferredNodes.slice(i, i + batchSize), { progress: false });
    }
    const byType = new Map<string, Row[]>();
    for (const r of this.deferredClaims) {
      const list = byType.get(r.type!) ?? [];
      list.push(r);
      byType.set(r.type!, list);
    }
    for (const [type, list] of byType) {
      for (let i = 0; i < list.length; i += batchSize) {
        await this.out.send(withType(cypher('import/merge-claims-typed'), type), list.slice(i, i + batchSize), { progress: false });
      }
    }
  }
}
