/** What the writer takes (WriteOptions) and gives back (ImportSummary), shared by its strategies. */
import type { DatasetCounts } from '../load.ts';
import type { DatasetNotes } from '../notes.ts';
import type { RemovalSummary } from '../replace.ts';

/** Above this many records (entities, sources and claims), the default mode is chunked. */
export const AUTO_CHUNK_ABOVE = 100_000;
/** Rows per transaction in chunked mode. */
export const DEFAULT_TX_ROWS = 50_000;

/** The strategies by name (write/atomic.ts, write/chunked.ts). */
export type StrategyName = 'atomic' | 'chunked';
export type WriteMode = 'auto' | StrategyName;

export interface ImportProgress {
  /** `index`: what is derived from the graph, recomputed after the commit (../derived/). */
  phase: 'schema' | 'entities' | 'claims' | 'commit' | 'index' | 'undo';
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
  mode?: StrategyName;
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
