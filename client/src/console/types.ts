import type { CypherResult, SchemaInfo } from '../api/types.ts';

export interface HistoryEntry {
  query: string;
  at: string;
}

/** What a run did to the canvas, for the console's status line. */
export interface MergeSummary {
  newNodes: number;
  newClaims: number;
  nodes: number;
  claims: number;
}

export interface ConsoleActions {
  /** Runs a query and merges its graph into the canvas. */
  run(query: string): Promise<{ result: CypherResult; merge: MergeSummary }>;
  select(id: string): void;
  close(): void;
  schema(): SchemaInfo | null;
}
