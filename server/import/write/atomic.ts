/**
 * Atomic: every batch inside ONE explicit write transaction, committed after
 * the last (MERGE statements: records shared with another dataset gain this
 * one's fields). Any failure (a constraint, a lost connection, a timeout,
 * Ctrl+C) rolls it back, so the database is left exactly as it was. Its size
 * is bounded by the server's per-transaction memory (NEO4J_TX_MEMORY_MAX,
 * 1 GiB on the local Neo4j: about 300,000 claims). `--replace` removes the
 * old dataset in the same transaction.
 */
import { cypher, withType } from '../../neo4j/cypher.ts';
import { removeDatasetIn } from '../replace.ts';
import { claimBatches, finishImport, inWriteSession, nodeBatches, RowSender, type WriteStrategy } from './context.ts';
import { claimProps, entityProps, mergeClaimRow, mergeNodeRow } from './props.ts';

export const atomic: WriteStrategy = {
  mode: 'atomic',
  suits: () => true,
  async write(ctx) {
    await inWriteSession(ctx, 0, async (pipe) => {
      if (ctx.opts.replace) ctx.stats.replaced = await removeDatasetIn(pipe.open(), ctx.opts.replace);
      const out = new RowSender(ctx, pipe, null);
      const nodes = cypher('import/merge-entities');
      out.begin('entities', ctx.plan.counts.entities + ctx.plan.counts.sources);
      for await (const batch of nodeBatches(ctx)) {
        await out.send(
          nodes,
          batch.map((e) => mergeNodeRow(e, entityProps(e, ctx.dataset))),
        );
      }
      const claims = cypher('import/merge-claims-typed');
      out.begin('claims', ctx.plan.counts.claims);
      for await (const { type, claims: batch } of claimBatches(ctx)) {
        await out.send(
          withType(claims, type),
          batch.map((c) => mergeClaimRow(c, claimProps(c, ctx.dataset))),
        );
      }
      await pipe.settle();
      await finishImport(ctx, pipe);
    });
  },
};
