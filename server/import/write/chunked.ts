/**
 * Chunked: a transaction committed every `txRows` rows, so Neo4j's memory
 * stays bounded whatever the size; all or nothing, and nothing visible until
 * the end:
 * - the chunks only create what is not in the database yet, invisibly:
 *   entities and sources as :ImportingEntity nodes tagged with the run
 *   (new-entities.cypher), not :Entity and without their kind label, and
 *   the claims between two of them (new-claims-typed.cypher); every read
 *   matches :Entity or a kind label, so none sees them;
 * - records already in the database (shared with another dataset, or from
 *   an earlier import of this one) are only checked (read only: the
 *   check-*.cypher statements), and those to change are deferred, as are
 *   claims touching an entity already in the database;
 * - the last transaction publishes the chunks' nodes (publish-run.cypher:
 *   :Entity and their kind label), writes the deferred records (shared ones
 *   as layers: layering.ts), the :Dataset node, and ends the :ImportRun
 *   marker committed before the first chunk (import-run.ts).
 * On any failure (or Ctrl+C, through `signal`) what the chunks created is
 * deleted again; a killed import's is deleted by the next import of any
 * dataset, or when the server starts.
 */
import { randomUUID } from 'node:crypto';
import type { QueryResult } from 'neo4j-driver';
import type { Claim, Entity, Source } from '../../model/dataset.ts';
import { cypher, withType } from '../../neo4j/cypher.ts';
import { addCounters, claimBatches, datasetExists, finishImport, inWriteSession, nodeBatches, RowSender, type WriteContext, type WriteStrategy } from './context.ts';
import { endRun, publishRun, startRun, undoRun, type ImportRun } from './import-run.ts';
import { datasetOrder, SharedRecords, type Ranks } from './layering.ts';
import { claimProps, entityProps, mergeClaimRow, mergeNodeRow, type Row } from './props.ts';
import { AUTO_CHUNK_ABOVE, DEFAULT_TX_ROWS, ImportError } from './types.ts';

export const chunked: WriteStrategy = {
  mode: 'chunked',
  suits: (ctx) => ctx.records > AUTO_CHUNK_ABOVE && !ctx.opts.replace,
  async write(ctx) {
    const replace = ctx.opts.replace;
    if (replace && (await datasetExists(ctx, replace))) {
      throw new ImportError(
        `A chunked import cannot replace dataset "${replace}" and still undo a failure (the old version would already be gone): ` +
          `import with --atomic (one transaction), or remove it first with "claimgraph import --replace ${replace}", then import.`,
      );
    }
    const run: ImportRun = { run: randomUUID() };
    let markerWritten = false;
    let stopBeat: (() => void) | undefined;
    const txRows = Math.max(1, ctx.opts.txRows ?? DEFAULT_TX_ROWS);
    try {
      await inWriteSession(
        ctx,
        txRows,
        async (pipe, session) => {
          stopBeat = await startRun(session, ctx.driver, ctx.database, ctx.dataset, run);
          markerWritten = true;
          const w = new ChunkedWrite(ctx, new RowSender(ctx, pipe, run.run));
          await w.nodes();
          await pipe.commit(); // claims MATCH their endpoints, so the nodes are committed first
          await w.claims();
          await pipe.settle();
          // The last transaction: publish, what existed already, the marker's end, the :Dataset node.
          await pipe.commit();
          pipe.noMoreChunks();
          const order = await datasetOrder(pipe);
          ctx.since = order.since.get(ctx.dataset) ?? null;
          await publishRun(pipe, run);
          await w.deferred(pipe, order.rank);
          await endRun(pipe, ctx.dataset, run);
          await finishImport(ctx, pipe, () => (markerWritten = false));
        },
        async (err) => {
          if (markerWritten) await undoAfterFailure(ctx, run, err);
        },
      );
    } finally {
      stopBeat?.();
    }
  },
};

/** Undoes what the committed chunks created; when that fails too, says how it will be undone. */
async function undoAfterFailure(ctx: WriteContext, run: ImportRun, err: unknown): Promise<void> {
  ctx.progress({ phase: 'undo', done: 0, total: 1 });
  try {
    await undoRun(ctx.driver, run, ctx.database);
  } catch (undoErr) {
    throw new ImportError(
      `${(err as Error).message}\nUndoing the chunks already committed failed too (${(undoErr as Error).message}): ` +
        `what they wrote stays invisible, and is undone when the server starts or by the next import; "claimgraph import --replace ${ctx.dataset}" undoes it now.`,
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

  /** Rows the statement returned as `deferred`: for the last transaction. */
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

  /** Records absent from the database by a pure CREATE (invisible until published); present ones checked (check-entities.cypher). */
  private async nodeBatch(batch: (Entity | Source)[]): Promise<void> {
    const present = await this.presentIds(batch.map((e) => e.id));
    const fresh: Row[] = [];
    const existing: Row[] = [];
    for (const e of batch) {
      const props = entityProps(e, this.ctx.dataset);
      if (present.has(e.id)) {
        existing.push(mergeNodeRow(e, props));
        continue;
      }
      this.created.add(e.id);
      fresh.push({ id: e.id, props });
    }
    if (fresh.length) await this.send(cypher('import/new-entities'), fresh, this.deferredNodes);
    if (existing.length) await this.send(cypher('import/check-entities'), existing, this.deferredNodes);
  }

  async claims(): Promise<void> {
    this.out.begin('claims', this.ctx.plan.counts.claims);
    for await (const { type, claims } of claimBatches(this.ctx)) await this.claimBatch(type, claims);
  }

  /**
   * A claim between two nodes this import created is new (pure CREATE);
   * one touching a node that was in the database waits for the last
   * transaction: checked first when both endpoints were (an unchanged claim
   * is left alone), deferred at once otherwise.
   */
  private async claimBatch(type: string, claims: Claim[]): Promise<void> {
    const fresh: Row[] = [];
    const other: Row[] = [];
    let deferredHere = 0;
    for (const c of claims) {
      const props = claimProps(c, this.ctx.dataset);
      const newFrom = this.created.has(c.from);
      const newTo = this.created.has(c.to);
      if (newFrom && newTo) fresh.push({ id: c.id, from: c.from, to: c.to, props });
      else if (newFrom || newTo) {
        this.deferredClaims.push(mergeClaimRow(c, props));
        deferredHere++;
      } else other.push(mergeClaimRow(c, props));
    }
    if (fresh.length) await this.send(withType(cypher('import/new-claims-typed'), type), fresh, this.deferredClaims);
    if (other.length) await this.send(withType(cypher('import/check-claims-typed'), type), other, this.deferredClaims);
    if (deferredHere) this.out.skip(deferredHere);
  }

  /** The deferred records, merged in the last transaction (no progress: counted already); shared ones as layers. */
  async deferred(pipe: { run: RowSender['pipe']['run'] }, rank: Ranks): Promise<void> {
    const { batchSize, dataset, stats } = this.ctx;
    const shared = new SharedRecords(dataset, rank, batchSize);
    const counted = (res: QueryResult) => addCounters(stats, res);
    const mergeNodes = cypher('import/merge-entities');
    for (let i = 0; i < this.deferredNodes.length; i += batchSize) {
      const rows = this.deferredNodes.slice(i, i + batchSize);
      await this.out.send(mergeNodes, rows, { progress: false, then: shared.collect(rows) });
    }
    await this.out.pipe.settle();
    await shared.writeNodes(this.out.pipe, counted);
    const byType = new Map<string, Row[]>();
    for (const r of this.deferredClaims) {
      const list = byType.get(r.type!) ?? [];
      list.push(r);
      byType.set(r.type!, list);
    }
    for (const [type, list] of byType) {
      for (let i = 0; i < list.length; i += batchSize) {
        const rows = list.slice(i, i + batchSize);
        await this.out.send(withType(cypher('import/merge-claims-typed'), type), rows, { progress: false, then: shared.collect(rows, type) });
      }
    }
    await this.out.pipe.settle();
    await shared.writeClaims(this.out.pipe, counted);
    void pipe;
  }
}
