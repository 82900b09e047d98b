/**
 * Bulk: an empty local database filled offline by Neo4j's own batch importer
 * (what `neo4j-admin database import full` runs), the fastest way to fill
 * Neo4j. The validated records are written as the importer's CSV files
 * (bulk-csv.ts: every property from props.ts, as the transactional
 * strategies write it, and the :Dataset node); then the local Neo4j is
 * stopped on purpose (`opts.offline`, the supervised local Neo4j), the
 * importer writes a new store into a staging home in the data directory
 * (server/neo4j/launcher.ts runBulkImport), the store is swapped in
 * (server/neo4j/store-swap.ts), Neo4j starts again, and the schema
 * (cypher/schema.cypher: constraints, full-text and per-kind indexes) is
 * created and populated. The counts of the new store are checked against
 * the dataset's.
 *
 * All or nothing: until the new store has started, its schema is online and
 * its counts are right, the previous (empty) store is kept aside and comes
 * back on any failure, also after a process killed mid-way (the swap's
 * journal, undone before Neo4j next starts on that data directory).
 *
 * Only for the local Neo4j this process runs, and only into an empty
 * database (no nodes, no relationships, no indexes or constraints besides
 * claimgraph's own): `auto` picks it then; `--bulk` on any other database is
 * refused with the reason.
 */
import path from 'node:path';
import { cypher, statements } from '../../neo4j/cypher.ts';
import { BulkImportError, runBulkImport } from '../../neo4j/launcher.ts';
import { prepareStaging, removeStaging, swapIn, type StoreSwap } from '../../neo4j/store-swap.ts';
import { validatedRecords } from '../load.ts';
import type { Claim, Entity, Source } from '../../model/dataset.ts';
import { ARRAY_DELIMITER, BulkCsvWriter, type BulkFiles } from './bulk-csv.ts';
import { applySchema, toNumber, type WriteContext, type WriteStrategy } from './context.ts';
import { datasetProps } from './props.ts';
import { ImportError } from './types.ts';

const DEFAULT_DATABASE = 'neo4j';

export const bulk: WriteStrategy = {
  mode: 'bulk',
  offline: true,
  async suits(ctx) {
    if (!ctx.opts.offline || ctx.opts.bulk === false || ctx.opts.replace) return false;
    return (await storeContents(ctx)) === undefined;
  },
  async write(ctx) {
    const store = ctx.opts.offline;
    if (!store) {
      throw new ImportError(
        `A bulk import stops Neo4j and replaces its store, so it needs the local Neo4j this command starts: ${ctx.opts.offlineUnavailable ?? 'there is none'}. ` +
          'Import without --bulk (transactions), or unset NEO4J_URI to use the local Neo4j.',
      );
    }
    if (ctx.opts.replace) throw new ImportError('A bulk import loads into an empty database: --replace has nothing to remove there. Import without --bulk to replace a dataset.');
    const held = await storeContents(ctx);
    if (held) throw new ImportError(`A bulk import loads only into an empty database, and this one holds ${held}. Import without --bulk (transactions), which adds to it.`);
    await bulkLoad(ctx, store);
  },
};

/** What the database holds that a new store would lose, in words; undefined when it is empty. */
async function storeContents(ctx: WriteContext): Promise<string | undefined> {
  const { driver, database } = ctx;
  const res = await driver.executeQuery(cypher('import/store-contents'), {}, { database, routing: 'READ' });
  const nodes = toNumber(res.records[0]?.get('nodes'));
  const relationships = toNumber(res.records[0]?.get('relationships'));
  if (nodes > 0 || relationships > 0) return `${nodes} nodes and ${relationships} relationships`;
  const ours = new Set(statements('schema').map((s) => /^CREATE\s+(?:CONSTRAINT|(?:FULLTEXT\s+)?INDEX)\s+(\w+)/i.exec(s)?.[1]).filter(Boolean));
  const foreign: string[] = [];
  for (const s of statements('import/store-schema')) {
    const rows = await driver.executeQuery(s, {}, { database, routing: 'READ' });
    for (const r of rows.records) {
      const name = r.get('name') as string;
      if (r.get('type') !== 'LOOKUP' && !ours.has(name)) foreign.push(name);
    }
  }
  return foreign.length ? `indexes or constraints that claimgraph does not create (${foreign.join(', ')})` : undefined;
}

/** Writes the importer's files from the validated records, counting progress; the :Dataset node last. */
async function writeFiles(ctx: WriteContext, dir: string): Promise<BulkFiles> {
  const out = new BulkCsvWriter(dir, ctx.dataset);
  const { counts } = ctx.plan;
  const nodesTotal = counts.entities + counts.sources;
  let nodes = 0;
  let claims = 0;
  let phase: 'entities' | 'claims' = 'entities';
  const tick = (): void => {
    const done = phase === 'entities' ? nodes : claims;
    if (done % 10_000 !== 0) return;
    if (ctx.opts.signal?.aborted) throw new ImportError('interrupted');
    ctx.progress({ phase, done, total: phase === 'entities' ? nodesTotal : counts.claims });
  };
  ctx.progress({ phase: 'entities', done: 0, total: nodesTotal });
  for await (const v of validatedRecords(ctx.plan, ['entities', 'sources', 'claims'])) {
    if ('from' in v) {
      if (phase === 'entities') {
        ctx.progress({ phase, done: nodes, total: nodesTotal });
        phase = 'claims';
      }
      out.claim(v as Claim);
      claims++;
    } else {
      out.node(v as Entity | Source);
      nodes++;
    }
    tick();
  }
  out.plainNode(['Dataset'], { ...datasetProps(ctx.plan, ctx.dataset), importedAt: new Date().toISOString() });
  ctx.progress({ phase: 'entities', done: nodes, total: nodesTotal });
  ctx.progress({ phase: 'claims', done: claims, total: counts.claims });
  return out.finish();
}

async function bulkLoad(ctx: WriteContext, store: NonNullable<WriteContext['opts']['offline']>): Promise<void> {
  const database = ctx.database ?? DEFAULT_DATABASE;
  const staging = await prepareStaging(store.dataDir);
  let swap: StoreSwap | undefined;
  try {
    const files = await writeFiles(ctx, path.join(staging, 'input'));
    await ctx.opts.beforeBulkLoad?.(files);
    ctx.progress({ phase: 'load', done: 0, total: 1 });
    try {
      await store.whileStopped(async () => {
        await runBulkImport({
          home: staging,
          database,
          nodes: files.groups.filter((g) => g.kind === 'nodes').map((g) => ({ labels: g.names, files: [g.header, g.data] })),
          relationships: files.groups.filter((g) => g.kind === 'relationships').map((g) => ({ type: g.names[0]!, files: [g.header, g.data] })),
          multiline: files.groups.filter((g) => g.multiline).flatMap((g) => [g.header, g.data]),
          arrayDelimiter: ARRAY_DELIMITER,
          ...ctx.opts.bulkImporter,
          signal: ctx.opts.signal,
        });
        swap = await swapIn(store.dataDir, database, staging);
      });
    } catch (err) {
      // Neo4j did not start on the new store: the previous one comes back (and Neo4j with it).
      if (swap) await store.whileStopped(() => swap!.revert()).catch(() => undefined);
      throw err instanceof BulkImportError ? new ImportError(`Neo4j's importer refused the data: ${err.message}`) : err;
    }
    ctx.progress({ phase: 'load', done: 1, total: 1 });
    try {
      await untilAvailable(ctx);
      ctx.progress({ phase: 'schema', done: 0, total: 1 });
      await applySchema(ctx.driver, ctx.database);
      await checkCounts(ctx, files);
      await ctx.opts.beforeCommit?.();
      ctx.progress({ phase: 'schema', done: 1, total: 1 });
    } catch (err) {
      await store.whileStopped(() => swap!.revert());
      throw err;
    }
    await swap!.commit();
    ctx.stats.nodesCreated = files.nodes - 1; // not the :Dataset node, as the transactional strategies count
    ctx.stats.relationshipsCreated = files.relationships;
    ctx.stats.propertiesSet = files.properties;
    ctx.stats.transactions = 0;
  } finally {
    await removeStaging(store.dataDir);
  }
}

/**
 * Waits (up to a minute) until the restarted database answers (the driver's
 * pooled connections went with the old process). The driver's bookmarks go
 * first: they name transactions of the replaced store, which the new one
 * (its transaction ids start again) would wait for until a timeout.
 */
async function untilAvailable(ctx: WriteContext): Promise<void> {
  const bookmarks = ctx.driver.executeQueryBookmarkManager;
  await bookmarks.updateBookmarks(await bookmarks.getBookmarks(), []);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await ctx.driver.executeQuery('RETURN 1', {}, { database: ctx.database, routing: 'READ' });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** The new store holds exactly what was written: a check, not a hope (a dropped row would fail here). */
async function checkCounts(ctx: WriteContext, files: BulkFiles): Promise<void> {
  const res = await ctx.driver.executeQuery(cypher('import/store-contents'), {}, { database: ctx.database, routing: 'READ' });
  const nodes = toNumber(res.records[0]?.get('nodes'));
  const relationships = toNumber(res.records[0]?.get('relationships'));
  if (nodes !== files.nodes || relationships !== files.relationships) {
    throw new ImportError(`The loaded store holds ${nodes} nodes and ${relationships} relationships, not the ${files.nodes} and ${files.relationships} written; it was not kept`);
  }
}
