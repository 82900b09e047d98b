/**
 * Atomic: every batch inside ONE explicit write transaction, committed after
 * the last. Records another dataset wrote too get this dataset's values as a
 * layer of their own (write/layering.ts), after the batches. Any failure (a
 * constraint, a lost connection, a timeout, Ctrl+C) rolls it back, so the
 * database is left exactly as it was. Its size is bounded by the server's
 * per-transaction memory (NEO4J_TX_MEMORY_MAX, 1 GiB on the local Neo4j:
 * about 300,000 claims). `--replace` removes the old dataset in the same
 * transaction (keeping when it was first imported, so its layers keep their
 * place in records it shares).
 */
import { cypher, withType } from '../../neo4j/cypher.ts';
import { removeDatasetIn } from '../replace.ts';
import { addCounters, claimBatches, finishImport, inWriteSession, nodeBatches, RowSender, type WriteStrategy } from './context.ts';
import { datasetOrder, SharedRecords } from './layering.ts';
import { claimProps, entityProps, mergeClaimRow, mergeNodeRow } from './props.ts';

export const atomic: WriteStrategy = {
  mode: 'atomic',
  suits: () => true,
  async write(ctx) {
    await inWriteSession(ctx, 0, async (pipe) => {
      const order = await datasetOrder(pipe);
      ctx.since = order.since.get(ctx.dataset) ?? null;
      if (ctx.opts.replace) ctx.stats.replaced = await removeDatasetIn(pipe.open(), ctx.opts.replace);
      const out = new RowSender(ctx, pipe, null);
      const shared = new SharedRecords(ctx.dataset, order.rank, ctx.batchSize);
      const counted = (res: Parameters<typeof addCounters>[1]) => addCounters(ctx.stats, res);
      const nodes = cypher('import/merge-entities');
      out.begin('entities', ctx.plan.counts.entities + ctx.plan.counts.sources);
      for await (const batch of nodeBatches(ctx)) {
        const rows = batch.map((e) => mergeNodeRow(e, entityProps(e, ctx.dataset)));
        await out.send(nodes, rows, { then: shared.collect(rows) });
      }
      await pipe.settle();
      await shared.writeNodes(pipe, counted);
      const claims = cypher('import/merge-claims-typed');
      out.begin('claims', ctx.plan.counts.claims);
      for await (const { type, claims: batch } of claimBatches(ctx)) {
        const rows = batch.map((c) => mergeClaimRow(c, claimProps(c, ctx.dataset)));
        await out.send(withType(claims, type), rows, { then: shared.collect(rows, type) });
      }
      await pipe.settle();
      await shared.writeClaims(pipe, counted);
      await finishImport(ctx, pipe);
    });
  },
};
