/**
 * Bulk: an empty local database filled offline by Neo4j's own batch importer
 * (what `neo4j-admin database import full` runs), the fastest way to fill
 * Neo4j. The validated records are written as the importer's CSV files
 * (bulk-csv.ts: every property from props.ts, as the transactional
 * strategies write it, and the :Dataset node), by a worker thread while the
 * dataset is validated (bulk-worker.ts); the importer writes a new store
 * into a staging home in the data directory (server/neo4j/launcher.ts
 * runBulkImport); the local Neo4j (`opts.offline`, the supervised local
 * Neo4j) is stopped on purpose, the store swapped in
 * (server/neo4j/store-swap.ts), Neo4j starts again, and the schema
 * (cypher/schema.cypher: constraints, full-text and per-kind indexes) is
 * created and populated. The counts of the new store are checked against
 * the dataset's. The importer writes while Neo4j still runs on the live
 * store (nothing reads or writes the staging home), so the database is
 * offline only for the swap and the restart; that nothing was written to
 * the database meanwhile is checked just before it is stopped.
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
import type { Driver } from 'neo4j-driver';
import { cypher, statements } from '../../neo4j/cypher.ts';
import { BulkImportError, runBulkImport } from '../../neo4j/launcher.ts';
import { prepareStaging, removeStaging, swapIn, type StoreSwap } from '../../neo4j/store-swap.ts';
import { validatedRecords } from '../load.ts';
import type { Claim, Entity, Source } from '../../model/dataset.ts';
import type { ReaderOptions } from '../../formats/index.ts';
import type { Format } from '../inputs.ts';
import { ARRAY_DELIMITER, BulkCsvWriter, mergeFiles, type BulkFiles } from './bulk-csv.ts';
import { startBulkFiles, type SpeculativeFiles } from './bulk-worker.ts';
import { refreshDerived } from '../derived/index.ts';
import { applySchema, toNumber, type WriteContext, type WriteStrategy } from './context.ts';
import { datasetProps } from './props.ts';
import { ImportError, type OfflineStore, type WriteOptions } from './types.ts';

const DEFAULT_DATABASE = 'neo4j';

export const bulk: WriteStrategy = {
  mode: 'bulk',
  offline: true,
  async suits(ctx) {
    if (!ctx.opts.offline || ctx.opts.bulk === false || ctx.opts.replace) return false;
    return (await storeContents(ctx.driver, ctx.database)) === undefined;
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
    const held = await storeContents(ctx.driver, ctx.database);
    if (held) throw new ImportError(`A bulk import loads only into an empty database, and this one holds ${held}. Import without --bulk (transactions), which adds to it.`);
    await bulkLoad(ctx, store);
  },
};

/** What the database holds that a new store would lose, in words; undefined when it is empty. */
async function storeContents(driver: Driver, database: string | undefined): Promise<string | undefined> {
  const res = await driver.executeQuery(cypher('import/store-contents'), {}, { database, routing: 'READ' });
  const nodes = toNumber(res.records[0]?.get('nodes'));
  const relationships = toNumber(res.records[0]?.get('relationships'));
  if (nodes > 0 || relationships > 0) return `${nodes} nodes and ${relationships} relationships`;
  // The schema claimgraph itself creates: the data's, the dense index's, the saved views'.
  const ours = new Set(['schema', 'derived/dense-schema', 'investigations/schema'].flatMap((f) => statements(f)).map((s) => /^CREATE\s+(?:CONSTRAINT|(?:FULLTEXT\s+)?INDEX)\s+(\w+)/i.exec(s)?.[1]).filter(Boolean));
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

/** A bulk import's staging home, and its files being written while the dataset is validated. */
export interface PreparedBulk {
  staging: string;
  files: SpeculativeFiles;
  /** Stops the writer and removes the staging home, unless the import took them (idempotent). */
  discard(): Promise<void>;
}

/**
 * Before validation (index.ts importDataset): when this import will be a bulk
 * load (an empty local database, `auto` or `bulk`), starts writing its files
 * in a worker thread (bulk-worker.ts), so they are ready about when
 * validation is. Undefined when it will not be one.
 */
export async function prepareBulk(
  driver: Driver,
  target: string,
  opts: WriteOptions & { name?: string; format?: Format; dryRun?: boolean; options?: ReaderOptions },
): Promise<PreparedBulk | undefined> {
  const mode = opts.mode ?? (opts.txRows !== undefined ? 'chunked' : 'auto');
  if (!opts.offline || opts.dryRun || opts.replace) return undefined;
  if (mode !== 'bulk' && !(mode === 'auto' && opts.bulk !== false)) return undefined;
  if ((await storeContents(driver, opts.database)) !== undefined) return undefined;
  const dataDir = opts.offline.dataDir;
  const staging = await prepareStaging(dataDir);
  const files = startBulkFiles({ target, name: opts.name, format: opts.format, options: opts.options, dir: path.join(staging, 'input') });
  let taken = false;
  return {
    staging,
    files,
    discard: async () => {
      if (taken) return;
      taken = true;
      await files.cancel();
      await removeStaging(dataDir);
    },
  };
}

/**
 * The prepared files, when the worker wrote what validation found (name and
 * counts) and validation checked no quote against a document (the worker
 * does not verify quotes: those claims' verification properties come from
 * validation's check, so the files are written again from its records);
 * else undefined (and they are dropped).
 */
async function preparedFiles(ctx: WriteContext, prepared: PreparedBulk): Promise<BulkFiles | undefined> {
  if ((ctx.plan.verification?.byClaim.size ?? 0) > 0) {
    await prepared.files.cancel();
    return undefined;
  }
  const { counts } = ctx.plan;
  const nodesTotal = counts.entities + counts.sources;
  const timer = setInterval(() => {
    const p = prepared.files.progress();
    if (p.claims === 0) ctx.progress({ phase: 'entities', done: p.nodes, total: nodesTotal });
    else ctx.progress({ phase: 'claims', done: p.claims, total: counts.claims });
  }, 500);
  try {
    const { dataset, files } = await prepared.files.result;
    if (dataset === ctx.dataset && files.nodes === nodesTotal && files.relationships === counts.claims) {
      ctx.progress({ phase: 'entities', done: nodesTotal, total: nodesTotal });
      ctx.progress({ phase: 'claims', done: counts.claims, total: counts.claims });
      return files;
    }
  } catch {
    // Written from what validation then accepted: a failure here is the writer's, and the files are written again below.
  } finally {
    clearInterval(timer);
  }
  await prepared.files.cancel();
  return undefined;
}

/** Writes the importer's files from the validated records, counting progress; the :Dataset node last. */
async function writeFiles(ctx: WriteContext, dir: string, again: boolean): Promise<BulkFiles> {
  // After a worker that did not deliver: its files are left out (other names), and overwritten by nothing.
  const out = new BulkCsvWriter(dir, ctx.dataset, again ? 'm' : '');
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
  ctx.progress({ phase: 'entities', done: nodes, total: nodesTotal });
  ctx.progress({ phase: 'claims', done: claims, total: counts.claims });
  return out.finish();
}

/** The :Dataset node, in a file of its own (the same statement's properties: merge-dataset.cypher sets importedAt). */
function datasetFile(ctx: WriteContext, dir: string): BulkFiles {
  const out = new BulkCsvWriter(dir, ctx.dataset, 'd');
  const importedAt = new Date().toISOString();
  // since: when the dataset was first imported (layers order by it); into an empty store, now, as merge-dataset.cypher sets it.
  out.plainNode(['Dataset'], { ...datasetProps(ctx.plan, ctx.dataset, importedAt), importedAt });
  return out.finish();
}

async function bulkLoad(ctx: WriteContext, store: OfflineStore): Promise<void> {
  const database = ctx.database ?? DEFAULT_DATABASE;
  const prepared = ctx.opts.bulkPrepared;
  const staging = prepared?.staging ?? (await prepareStaging(store.dataDir));
  const input = path.join(staging, 'input');
  let swap: StoreSwap | undefined;
  try {
    let t = performance.now();
    const lap = (): number => {
      const now = performance.now();
      const ms = Math.round(now - t);
      t = now;
      return ms;
    };
    const early = prepared && (await preparedFiles(ctx, prepared));
    const records = early || (await writeFiles(ctx, input, Boolean(prepared)));
    const files = mergeFiles(records, datasetFile(ctx, input));
    const timing = { files: files.groups.length, bytes: files.bytes, filesDuringValidation: Boolean(early), filesMs: lap(), importMs: 0, swapMs: 0, schemaMs: 0 };
    await ctx.opts.beforeBulkLoad?.(files);
    ctx.progress({ phase: 'load', done: 0, total: 1 });
    // The importer writes a new store into the staging home: Neo4j keeps running on the live one meanwhile.
    try {
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
    } catch (err) {
      throw err instanceof BulkImportError ? new ImportError(`Neo4j's importer refused the data: ${err.message}`) : err;
    }
    timing.importMs = lap();
    if (ctx.opts.signal?.aborted) throw new ImportError('interrupted');
    // Nothing was written to the database meanwhile (it would be lost with the store it is in).
    const held = await storeContents(ctx.driver, ctx.database);
    if (held) throw new ImportError(`The database was written to during the bulk load (it now holds ${held}); nothing was replaced. Import again without --bulk.`);
    try {
      // Offline only for the swap: stopped on purpose, the new store moved in, started again.
      await store.whileStopped(async () => {
        swap = await swapIn(store.dataDir, database, staging);
      });
    } catch (err) {
      // Neo4j did not start on the new store: the previous one comes back (and Neo4j with it).
      if (swap) await store.whileStopped(() => swap!.revert()).catch(() => undefined);
      throw err;
    }
    ctx.progress({ phase: 'load', done: 1, total: 1 });
    timing.swapMs = lap();
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
    timing.schemaMs = lap();
    // Derived data (the dense index) follows the graph, as after every transactional import.
    await refreshDerived(ctx.driver, { database: ctx.database, onProgress: (done, total) => ctx.progress({ phase: 'index', done, total }) });
    ctx.stats.derivedMs = lap();
    ctx.stats.bulk = timing;
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
