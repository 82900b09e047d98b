/** What the writer takes (WriteOptions) and gives back (ImportSummary), shared by its strategies. */
import type { BulkImportOptions } from '../../neo4j/launcher.ts';
import type { DatasetCounts } from '../load.ts';
import type { BulkFiles } from './bulk-csv.ts';
import type { PreparedBulk } from './bulk.ts';
import type { DatasetNotes } from '../notes.ts';
import type { RemovalSummary } from '../replace.ts';

/** Above this many records (entities, sources and claims), the default mode is chunked. */
export const AUTO_CHUNK_ABOVE = 100_000;
/** Rows per transaction in chunked mode. */
export const DEFAULT_TX_ROWS = 50_000;

/** The strategies by name (write/atomic.ts, write/chunked.ts, write/bulk.ts). */
export type StrategyName = 'atomic' | 'chunked' | 'bulk';
export type WriteMode = 'auto' | StrategyName;

export interface ImportProgress {
  /** `index`: what is derived from the graph, recomputed after the commit (../derived/); `load`: the bulk strategy's offline load (Neo4j stopped, its importer writing the store). */
  phase: 'schema' | 'entities' | 'claims' | 'load' | 'commit' | 'index' | 'undo';
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
  /** How it was written: one transaction, chunks of `txRows` rows, or offline by Neo4j's importer (bulk, 0 transactions). */
  mode?: StrategyName;
  transactions?: number;
  /** An earlier chunked import of this dataset that did not finish, undone first. */
  undoneEarlier?: { startedAt: string };
  /** A bulk load: its files, and where its time went (ms). */
  bulk?: {
    files: number;
    bytes: number;
    /** The files were written by a worker while the dataset was validated (else after validation). */
    filesDuringValidation: boolean;
    /** Waiting for (or writing) the files after validation. */
    filesMs: number;
    /** Neo4j's importer writing the new store (Neo4j still running on the live one). */
    importMs: number;
    /** Neo4j stopped, the new store swapped in, Neo4j started again. */
    swapMs: number;
    /** The schema created and populated, the counts checked. */
    schemaMs: number;
  };
  nodesCreated: number;
  relationshipsCreated: number;
  propertiesSet: number;
  /** Recomputing what is derived from the graph (the dense index) after the commit, part of `ms`. */
  derivedMs?: number;
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
  /**
   * atomic, chunked, bulk, or auto (default): bulk into an empty local
   * database (`offline` given), else chunked above AUTO_CHUNK_ABOVE records
   * unless `replace`, else atomic.
   */
  mode?: WriteMode;
  /** The local Neo4j whose store a bulk import may replace (the supervised local Neo4j); none: no bulk import. */
  offline?: OfflineStore;
  /** Why there is no `offline` store (for the error of a requested bulk import), e.g. "NEO4J_URI names a remote server". */
  offlineUnavailable?: string;
  /** false: `auto` never picks the bulk strategy (`--no-bulk`). */
  bulk?: boolean;
  /** Settings of Neo4j's importer for the bulk strategy (threads, memory, its output lines). */
  bulkImporter?: Pick<BulkImportOptions, 'threads' | 'maxOffHeapMemory' | 'heap' | 'log' | 'onSpawn'>;
  /** Bulk strategy: its staging home and files started before validation (bulk.ts prepareBulk; importDataset does it). */
  bulkPrepared?: PreparedBulk;
  /** Bulk strategy: called with the written files before the offline load; tests use it to spoil them. */
  beforeBulkLoad?: (files: BulkFiles) => Promise<void> | void;
  /** Rows per transaction in chunked mode (default DEFAULT_TX_ROWS); setting it implies chunked. */
  txRows?: number;
  /** Stops the import (Ctrl+C): atomic rolls back; chunked undoes what it committed. */
  signal?: AbortSignal;
  /** Called after each committed chunk (chunked mode); tests use it to fail or die mid-way. */
  afterChunk?: (chunk: number) => Promise<void> | void;
}

/**
 * The local Neo4j's store, for an offline load: its Neo4j home, and a way to
 * stop Neo4j on purpose while `work` runs on the store, then start it again
 * (server/neo4j/supervisor.ts SupervisedNeo4j).
 */
export interface OfflineStore {
  readonly dataDir: string;
  whileStopped<T>(work: () => Promise<T>): Promise<T>;
}

/** A failure of the import that the user can act on (the CLI prints the message alone). */
export class ImportError extends Error {
  override name = 'ImportError';
}
