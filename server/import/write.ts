/**
 * Writes a validated dataset to Neo4j in batches (`UNWIND $rows ...`), all or
 * nothing, in one of two modes (the schema statements, each idempotent, run
 * first in both):
 *
 * - atomic: every batch inside ONE explicit write transaction, committed
 *   after the last. Any failure (a constraint, a lost connection, a timeout,
 *   Ctrl+C) rolls it back, so the database is left exactly as it was. Its
 *   size is bounded by the server's per-transaction memory
 *   (NEO4J_TX_MEMORY_MAX, 1 GiB on the local Neo4j: about 300,000 claims).
 * - chunked: a transaction committed every `txRows` rows, so Neo4j's memory
 *   stays bounded whatever the size. All or nothing by compensation: the
 *   chunks only CREATE records that are not in the database yet (a read-only
 *   existence check per batch of nodes, present-ids.cypher, then a pure
 *   CREATE of the absent ones per kind, new-entities.cypher, and of the claims
 *   with an endpoint this import created, new-claims-typed.cypher; the rest
 *   through cypher/import/create-*.cypher, which check); a record that exists (shared with another
 *   dataset, or from an earlier import of this one) is left untouched until
 *   the last transaction, which writes those, the :Dataset node, and deletes
 *   the :ImportRun marker committed before the first chunk. On any failure
 *   (or Ctrl+C, through `signal`) what the chunks created is deleted again, in
 *   batches (the whole dataset when it was new: remove-batched.cypher; else
 *   what carries this run's `_importRun` tag: undo-run.cypher). A marker left
 *   by a process that died is found by the next import of the dataset, which
 *   undoes that import first (or refuses, when the process may still run).
 *
 * The default (`mode: 'auto'`) is atomic up to AUTO_CHUNK_ABOVE records or
 * with `replace`, chunked above.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Driver, QueryResult, Session, Transaction } from 'neo4j-driver';
import type { Claim, Entity, Source } from '../model/dataset.ts';
import { dateBounds } from '../model/dates.ts';
import { verificationProps, withoutVerificationProperties, type ClaimVerification } from '../provenance/verify-claim.ts';
import { KIND_LABELS, type EntityKind } from '../model/kinds.ts';
import { cypher, statements, withLabel, withType } from '../neo4j/cypher.ts';
import { validatedRecords, type DatasetCounts, type DatasetPlan } from './load.ts';
import type { DatasetNotes } from './notes.ts';
import { removeDataset, removeDatasetIn, type RemovalSummary } from './replace.ts';

/** Above this many records (entities, sources and claims), the default mode is chunked. */
export const AUTO_CHUNK_ABOVE = 100_000;
/** Rows per transaction in chunked mode. */
export const DEFAULT_TX_ROWS = 50_000;

export type WriteMode = 'auto' | 'atomic' | 'chunked';

export interface ImportProgress {
  phase: 'schema' | 'entities' | 'claims' | 'commit' | 'undo';
  done: number;
  total: number;
}

export interface ImportSummary {
  dataset: string;
  counts: DatasetCounts;
  /** What was skipped or folded into properties, and dangling references. */
  notes: DatasetNotes;
  /** What `replace` removed first, in the same transaction. */
  replaced?: RemovalSummary;
  /** How it was written: one transaction, or chunks of `txRows` rows. */
  mode?: 'atomic' | 'chunked';
  transactions?: number;
  /** An earlier chunked import of this dataset that did not finish, undone first. */
  undoneEarlier?: { startedAt: string };
  nodesCreated: number;
  relationshipsCreated: number;
  propertiesSet: number;
  ms: number;
}

export interface WriteOptions {
  database?: string;
  batchSize?: number;
  /**
   * Timeout of the import transaction (default one hour). The server's
   * default transaction timeout (30 s on the local Neo4j) is meant for
   * interactive queries, not for a bulk import.
   */
  timeoutMs?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Remove this dataset's contribution first, in the same transaction (`--replace`). */
  replace?: string;
  /** Called before commit; tests use it to fail mid-way. */
  beforeCommit?: () => Promise<void> | void;
  /** atomic, chunked, or auto (default): chunked above AUTO_CHUNK_ABOVE records unless `replace`. */
  mode?: WriteMode;
  /** Rows per transaction in chunked mode (default DEFAULT_TX_ROWS); setting it implies chunked. */
  txRows?: number;
  /** Stops the import (Ctrl+C): atomic rolls back; chunked undoes what it committed. */
  signal?: AbortSignal;
  /** Called after each committed chunk (chunked mode); tests use it to fail or die mid-way. */
  afterChunk?: (chunk: number) => Promise<void> | void;
}

/** A failure of the import that the user can act on (the CLI prints the message alone). */
export class ImportError extends Error {
  override name = 'ImportError';
}

type Props = Record<string, unknown>;

function flatten(extra: Record<string, unknown> | undefined, into: Props): void {
  if (!extra) return;
  for (const [k, v] of Object.entries(extra)) {
    if (k in into) continue; // core fields win
    // Neo4j lists must be homogeneous: mixed lists are stored as strings.
    if (Array.isArray(v) && new Set(v.map((x) => typeof x)).size > 1) into[k] = v.map(String);
    else into[k] = v;
  }
}

function compact(p: Props): Props {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
}

export function entityProps(e: Entity | Source, dataset: string): Props {
  const { properties, ...rest } = e;
  // Neo4j stores no maps: a source's document becomes two properties.
  const { document, ...core } = rest as typeof rest & { document?: Source['document'] };
  const props: Props = compact({ ...core, documentFile: document?.file, documentSha256: document?.sha256, datasets: [dataset] });
  flatten(properties, props);
  return props;
}

/**
 * What a node or claim shared with another dataset gains from this one: the
 * non-empty fields, not its name, kind or id (those stay as the first dataset
 * gave them; see cypher/import/merge-entities.cypher).
 */
export function mergeProps(p: Props): Props {
  return Object.fromEntries(
    Object.entries(p).filter(
      ([k, v]) => !['id', 'kind', 'name', 'aliases', 'datasets'].includes(k) && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

export function claimProps(c: Claim & { verification?: ClaimVerification }, dataset: string): Props {
  const { properties, from: _from, to: _to, type: _type, verification, ...core } = c;
  const points = [c.date, c.start, c.end].filter((d): d is string => d !== undefined);
  const props: Props = compact({
    ...core,
    // Provenance (issue 11): what checking the quote against the source's
    // document found, as flat properties (`no-document` when not checked).
    ...verificationProps(verification),
    dateMin: points.length ? points.map((d) => dateBounds(d).min).sort()[0] : undefined,
    dateMax: points.length ? points.map((d) => dateBounds(d).max).sort().at(-1) : undefined,
    datasets: [dataset],
  });
  flatten(withoutVerificationProperties(properties), props);
  return props;
}

/** The `:Dataset` node's properties (`cypher/import/merge-dataset.cypher`). */
export function datasetProps(plan: DatasetPlan, dataset: string): Props {
  return {
    name: dataset,
    title: plan.meta.title,
    description: plan.meta.description,
    license: plan.meta.license ?? null,
    folder: plan.folder,
    formats: [...new Set(plan.inputs.map((i) => i.format))],
  };
}

export async function applySchema(driver: Driver, database?: string): Promise<void> {
  const session = driver.session({ database });
  try {
    for (const s of statements('schema')) await session.run(s);
    await session.run('CALL db.awaitIndexes(300)');
  } finally {
    await session.close();
  }
}

function toNumber(raw: unknown): number {
  return Number(typeof raw === 'object' && raw !== null && 'toNumber' in raw ? (raw as { toNumber(): number }).toNumber() : raw);
}

/**
 * Sends statements one at a time, building the next batch while Neo4j runs
 * the current one (one statement in flight), in one transaction or in
 * transactions of `txRows` rows (0: one transaction, committed by `commit`).
 */
class Pipeline {
  private tx: Transaction | undefined;
  private inflight: Promise<unknown> | undefined;
  private rowsInTx = 0;
  private txRows: number;
  transactions = 0;
  chunks = 0;

  constructor(
    private readonly session: Session,
    private readonly opts: { timeoutMs: number; txRows: number; signal?: AbortSignal; afterChunk?: (chunk: number) => Promise<void> | void },
  ) {
    this.txRows = opts.txRows;
  }

  /** Waits for the statement (or commit) in flight; its error surfaces here. */
  async settle(): Promise<void> {
    const p = this.inflight;
    this.inflight = undefined;
    if (p) await p;
  }

  private checkAbort(): void {
    if (this.opts.signal?.aborted) throw new ImportError('interrupted');
  }

  /** Later statements stay in the current transaction (chunked mode's last one). */
  noMoreChunks(): void {
    this.txRows = 0;
  }

  /** The open transaction (begun when none is). */
  open(): Transaction {
    if (!this.tx) {
      this.tx = this.session.beginTransaction({ timeout: this.opts.timeoutMs });
      this.transactions++;
    }
    return this.tx;
  }

  /** Sends one statement once the previous one is done; `then` sees its result. */
  async send(text: string, params: Record<string, unknown>, rows: number, then: (res: QueryResult) => void): Promise<void> {
    await this.settle();
    this.checkAbort();
    const tx = this.open();
    let p: Promise<unknown> = tx.run(text, params).then(then);
    this.rowsInTx += rows;
    if (this.txRows > 0 && this.rowsInTx >= this.txRows) p = p.then(() => this.commitChunk());
    p.catch(() => {}); // handled at the next settle
    this.inflight = p;
  }

  /** Runs a statement now (no overlap), in the current transaction. */
  async run(text: string, params: Record<string, unknown>): Promise<QueryResult> {
    await this.settle();
    this.checkAbort();
    return this.open().run(text, params);
  }

  private async commitChunk(): Promise<void> {
    const tx = this.tx;
    this.tx = undefined;
    this.rowsInTx = 0;
    if (!tx) return;
    await tx.commit();
    this.chunks++;
    await this.opts.afterChunk?.(this.chunks);
  }

  /** Commits what is open (chunked mode: the current chunk). */
  async commit(): Promise<void> {
    await this.settle();
    await this.commitChunk();
  }

  /** Commits the last transaction (nothing in flight), after `beforeCommit`. */
  async commitLast(beforeCommit?: () => Promise<void> | void): Promise<void> {
    await this.settle();
    this.checkAbort();
    this.open();
    await beforeCommit?.();
    const tx = this.tx!;
    this.tx = undefined;
    this.rowsInTx = 0;
    await tx.commit();
  }

  async rollback(): Promise<void> {
    await this.settle().catch(() => {});
    const tx = this.tx;
    this.tx = undefined;
    if (tx?.isOpen()) await tx.rollback().catch(() => {});
  }
}

interface UnfinishedRun {
  run: string;
  fresh: boolean;
  pid: number;
  host: string;
  startedAt: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes what a chunked import created (see the module comment), in batches. */
async function undoRun(driver: Driver, dataset: string, run: { run: string; fresh: boolean }, database?: string): Promise<void> {
  if (run.fresh) {
    await removeDataset(driver, dataset, { database });
    return;
  }
  const session = driver.session({ database, defaultAccessMode: 'WRITE' });
  try {
    for (const s of statements('import/undo-run')) await session.run(s, { run: run.run });
  } finally {
    await session.close();
  }
}

type Row = Props & { id: string; type?: string };

export async function writeDataset(driver: Driver, plan: DatasetPlan, opts: WriteOptions = {}): Promise<ImportSummary> {
  const t0 = performance.now();
  const batchSize = opts.batchSize ?? 5000;
  const dataset = plan.meta.name;
  const database = opts.database;
  const progress = opts.onProgress ?? (() => {});
  const stats: ImportSummary = { dataset, counts: plan.counts, notes: plan.notes, nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0, ms: 0 };
  const records = plan.counts.entities + plan.counts.sources + plan.counts.claims;
  const requested: WriteMode = opts.mode ?? (opts.txRows !== undefined ? 'chunked' : 'auto');

  progress({ phase: 'schema', done: 0, total: 1 });
  await applySchema(driver, database);
  progress({ phase: 'schema', done: 1, total: 1 });

  // An earlier chunked import of this dataset that did not finish: undo it
  // when its process is gone; refuse when it may still be running.
  const unfinished = (await driver.executeQuery(cypher('import/run-find'), { dataset }, { database, routing: 'READ' })).records.map(
    (r) => ({ run: r.get('run'), fresh: r.get('fresh'), pid: toNumber(r.get('pid')), host: r.get('host'), startedAt: r.get('startedAt') }) as UnfinishedRun,
  );
  for (const u of unfinished) {
    if (opts.replace === dataset) break; // --replace removes it (and the marker) first
    if (u.host !== os.hostname() || processAlive(u.pid)) {
      throw new ImportError(
        `An import of dataset "${dataset}" started at ${u.startedAt} (process ${u.pid} on ${u.host}) has not finished: it is still running, or it stopped on another machine. ` +
          `If no import of it is running, remove what it wrote with "claimgraph import --replace ${dataset}", then import again.`,
      );
    }
    progress({ phase: 'undo', done: 0, total: 1 });
    await undoRun(driver, dataset, u, database);
    progress({ phase: 'undo', done: 1, total: 1 });
    stats.undoneEarlier = { startedAt: u.startedAt };
  }

  let mode: 'atomic' | 'chunked' = requested === 'auto' ? (records > AUTO_CHUNK_ABOVE && !opts.replace ? 'chunked' : 'atomic') : requested;
  let fresh = true;
  if (mode === 'chunked') {
    const present = await driver.executeQuery(cypher('datasets/exists'), { name: dataset }, { database, routing: 'READ' });
    fresh = present.records[0]?.get('present') !== true;
    if (opts.replace) {
      const r = await driver.executeQuery(cypher('datasets/exists'), { name: opts.replace }, { database, routing: 'READ' });
      if (r.records[0]?.get('present') === true) {
        if (requested === 'chunked') {
          throw new ImportError(
            `A chunked import cannot replace dataset "${opts.replace}" and still undo a failure (the old version would already be gone): ` +
              `import with --atomic (one transaction), or remove it first with "claimgraph import --replace ${opts.replace}", then import.`,
          );
        }
        mode = 'atomic';
      }
    }
  }
  stats.mode = mode;

  const session = driver.session({ database, defaultAccessMode: 'WRITE' });
  const run = mode === 'chunked' ? randomUUID() : undefined;
  const pipe = new Pipeline(session, {
    timeoutMs: opts.timeoutMs ?? 3_600_000,
    txRows: mode === 'chunked' ? Math.max(1, opts.txRows ?? DEFAULT_TX_ROWS) : 0,
    signal: opts.signal,
    afterChunk: opts.afterChunk,
  });
  const count = (res: QueryResult, rows: number) => {
    const raw = res.records[0]?.has('written') ? (res.records[0].get('written') as unknown) : undefined;
    if (raw !== undefined && toNumber(raw) !== rows) {
      // A claim whose endpoint vanished since validation: fail rather than half-write.
      throw new Error(`${rows - toNumber(raw)} of ${rows} claims could not be written: an endpoint is missing from the database`);
    }
    const c = res.summary.counters.updates();
    stats.nodesCreated += c.nodesCreated;
    stats.relationshipsCreated += c.relationshipsCreated;
    stats.propertiesSet += c.propertiesSet;
  };
  // Chunked mode: rows whose record exists already, for the last transaction.
  const deferredNodes: Row[] = [];
  const deferredClaims: Row[] = [];
  const defer = (res: QueryResult, rows: Row[], into: Row[]) => {
    const ids = res.records[0]?.has('deferred') ? (res.records[0].get('deferred') as string[]) : undefined;
    if (!ids?.length) return;
    const set = new Set(ids);
    for (const r of rows) if (set.has(r.id)) into.push(r);
  };
  const params = (rows: Row[]) => ({ rows, dataset, run: fresh ? null : (run ?? null) });

  let markerWritten = false;
  try {
    if (mode === 'chunked') {
      await session.run(cypher('import/run-start'), { dataset, run, fresh, pid: process.pid, host: os.hostname() });
      markerWritten = true;
    } else if (opts.replace) {
      stats.replaced = await removeDatasetIn(pipe.open(), opts.replace);
    }
    const nodeText = cypher(mode === 'chunked' ? 'import/create-entities' : 'import/merge-entities');
    const claimTyped = cypher(mode === 'chunked' ? 'import/create-claims-typed' : 'import/merge-claims-typed');

    const entityTotal = plan.counts.entities + plan.counts.sources;
    let done = 0;
    const sendRows = async (text: string, rows: Row[], phase: 'entities' | 'claims', total: number, deferInto: Row[]) => {
      await pipe.send(text, params(rows), rows.length, (res) => {
        count(res, rows.length);
        if (mode === 'chunked') defer(res, rows, deferInto);
        done += rows.length;
        progress({ phase, done, total });
      });
    };

    // Chunked mode: the nodes this import created. A claim with such an
    // endpoint cannot be in the database yet, so it is written by a pure
    // CREATE (new-claims-typed.cypher) without an existence check.
    const created = new Set<string>();
    const newNodes = cypher('import/new-entities');
    const presentIds = async (ids: string[]): Promise<Set<string>> => {
      // A read of its own (not in the chunk's transaction), so it runs while the previous statement is in flight.
      const res = await driver.executeQuery(cypher('import/present-ids'), { ids }, { database, routing: 'READ' });
      return new Set(res.records[0]?.get('present') as string[]);
    };
    const sendNodes = async (batch: (Entity | Source)[]) => {
      if (mode !== 'chunked') {
        const rows = batch.map((e) => {
          const props = entityProps(e, dataset);
          return { id: e.id, label: KIND_LABELS[e.kind as EntityKind], props, merge: mergeProps(props), names: [e.name, ...e.aliases] };
        });
        await sendRows(nodeText, rows, 'entities', entityTotal, deferredNodes);
        return;
      }
      // Chunked: records absent from the database by a pure CREATE per kind
      // (only `props` on the wire); present ones by create-entities.cypher.
      const present = await presentIds(batch.map((e) => e.id));
      const byLabel = new Map<string, Row[]>();
      const existing: Row[] = [];
      for (const e of batch) {
        const label = KIND_LABELS[e.kind as EntityKind];
        const props = entityProps(e, dataset);
        if (present.has(e.id)) {
          existing.push({ id: e.id, label, props, merge: mergeProps(props), names: [e.name, ...e.aliases] });
          continue;
        }
        created.add(e.id);
        let list = byLabel.get(label);
        if (!list) byLabel.set(label, (list = []));
        list.push({ id: e.id, props });
      }
      for (const [label, rows] of byLabel) await sendRows(withLabel(newNodes, label), rows, 'entities', entityTotal, deferredNodes);
      if (existing.length) await sendRows(nodeText, existing, 'entities', entityTotal, deferredNodes);
    };

    // Entities and sources: one pass over the files that hold them.
    let batch: (Entity | Source)[] = [];
    for await (const v of validatedRecords(plan, ['entities', 'sources'])) {
      batch.push(v as Entity | Source);
      if (batch.length >= batchSize) {
        await sendNodes(batch);
        batch = [];
      }
    }
    if (batch.length) await sendNodes(batch);
    // Chunked: claims MATCH their endpoints, so the nodes are committed first.
    if (mode === 'chunked') await pipe.commit();

    // Claims, grouped by type: every batch goes through its type's own
    // statement. A static type lets the planner expand only that type's
    // relationships between the two endpoints; with a dynamic type
    // (`[r:$(row.type)]`) it expands all of them and filters, which on a graph
    // with hubs wrote ~100 claims/s against ~1,000 (bench, 2k/20k dataset).
    done = 0;
    const newClaims = cypher('import/new-claims-typed');
    const sendClaims = async (type: string, rows: Row[]) => {
      if (mode !== 'chunked') {
        await sendRows(withType(claimTyped, type), rows, 'claims', plan.counts.claims, deferredClaims);
        return;
      }
      // Chunked: a claim with an endpoint this import created is new (pure
      // CREATE, only `props`); one between two nodes that existed before may
      // exist too (create-claims-typed.cypher checks, and creates, skips or defers).
      const fresh: Row[] = [];
      const other: Row[] = [];
      for (const r of rows) {
        if (created.has(r.from as string) || created.has(r.to as string)) fresh.push({ id: r.id, from: r.from, to: r.to, props: r.props });
        else other.push({ ...r, merge: mergeProps(r.props as Props) });
      }
      if (fresh.length) await sendRows(withType(newClaims, type), fresh, 'claims', plan.counts.claims, deferredClaims);
      if (other.length) await sendRows(withType(claimTyped, type), other, 'claims', plan.counts.claims, deferredClaims);
    };
    const byType = new Map<string, Row[]>();
    for await (const v of validatedRecords(plan, 'claims')) {
      const c = v as Claim;
      const props = claimProps(c, dataset);
      let list = byType.get(c.type);
      if (!list) byType.set(c.type, (list = []));
      list.push(mode === 'chunked' ? { id: c.id, type: c.type, from: c.from, to: c.to, props } : { id: c.id, type: c.type, from: c.from, to: c.to, props, merge: mergeProps(props) });
      if (list.length >= batchSize) {
        byType.set(c.type, []);
        await sendClaims(c.type, list);
      }
    }
    for (const [type, list] of byType) {
      if (list.length) await sendClaims(type, list);
    }
    await pipe.settle();

    if (mode === 'chunked') {
      // The last transaction: what existed already, the :Dataset node, the marker's end.
      await pipe.commit();
      pipe.noMoreChunks();
      const mergeNodes = cypher('import/merge-entities');
      for (let i = 0; i < deferredNodes.length; i += batchSize) {
        const b = deferredNodes.slice(i, i + batchSize);
        await pipe.send(mergeNodes, params(b), b.length, (res) => count(res, b.length));
      }
      const byT = new Map<string, Row[]>();
      for (const r of deferredClaims) {
        const list = byT.get(r.type!) ?? [];
        list.push(r);
        byT.set(r.type!, list);
      }
      for (const [type, list] of byT) {
        for (let i = 0; i < list.length; i += batchSize) {
          const b = list.slice(i, i + batchSize);
          await pipe.send(withType(cypher('import/merge-claims-typed'), type), params(b), b.length, (res) => count(res, b.length));
        }
      }
      const ended = await pipe.run(cypher('import/run-end'), { dataset, run });
      if (toNumber(ended.records[0]?.get('ended')) !== 1) throw new ImportError(`The import's marker was removed while it ran (another process removed dataset "${dataset}")`);
    }
    await pipe.run(cypher('import/merge-dataset'), datasetProps(plan, dataset));
    progress({ phase: 'commit', done: 0, total: 1 });
    await pipe.commitLast(opts.beforeCommit);
    markerWritten = false;
    progress({ phase: 'commit', done: 1, total: 1 });
    stats.transactions = pipe.transactions;
  } catch (err) {
    await pipe.rollback();
    if (markerWritten) {
      // Undo what the committed chunks created.
      progress({ phase: 'undo', done: 0, total: 1 });
      try {
        await undoRun(driver, dataset, { run: run!, fresh }, database);
      } catch (undoErr) {
        throw new ImportError(
          `${(err as Error).message}\nUndoing the chunks already committed failed too (${(undoErr as Error).message}): ` +
            `the next import of "${dataset}" will undo them, or run "claimgraph import --replace ${dataset}".`,
        );
      }
      progress({ phase: 'undo', done: 1, total: 1 });
    }
    throw err;
  } finally {
    await session.close();
  }
  if (mode === 'chunked' && !fresh && stats.nodesCreated + stats.relationshipsCreated > 0) {
    // A re-import tagged what it created (for an undo); the tag goes now.
    const s = driver.session({ database, defaultAccessMode: 'WRITE' });
    try {
      for (const text of statements('import/untag-run')) await s.run(text, { run });
    } finally {
      await s.close();
    }
  }
  stats.ms = Math.round(performance.now() - t0);
  return stats;
}

/** Ids among `ids` that exist in the database already (and would survive removing dataset `without`). */
export async function existingIds(driver: Driver, ids: string[], database?: string, without?: string): Promise<Set<string>> {
  const res = await driver.executeQuery(cypher('import/existing-ids'), { ids, without: without ?? null }, { database, routing: 'READ' });
  return new Set(res.records.map((r) => r.get('id') as string));
}
