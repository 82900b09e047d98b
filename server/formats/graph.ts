/**
 * What a writer reads: a `Subgraph` (the selected nodes and claims, read
 * afresh on every pass, in batches; server/export builds it from a
 * selection), its node and edge shapes, and what every writer knows about
 * the export besides its data (`ExportMeta`).
 */
import type { ExportView, Selection } from '../kernel/contract.ts';
import type { GraphEdge, GraphNode } from '../neo4j/values.ts';

/** A node, with the keys of properties Neo4j stores as floats (JSON numbers lose that). */
export interface ExportNode extends GraphNode {
  floatKeys: string[];
}

/** An edge (one claim), with the kinds of its endpoints. */
export interface ExportEdge extends GraphEdge {
  sourceKind: string | null;
  targetKind: string | null;
  floatKeys: string[];
}

/** What a citation list needs of one claim. */
export interface CitedClaim {
  id: string;
  type: string;
  status: string | null;
  quote: string | null;
  sourceId: string | null;
  source: string;
  target: string;
  sourceName: string;
  targetName: string;
  /** The quote is not the source's own words (its `anchor` is). */
  paraphrase: boolean;
  anchor: string | null;
  /** What checking the quote against the source's document found (server/provenance), when it was checked. */
  verification: string | null;
  verificationScore: number | null;
}

export interface Subgraph {
  selection: Selection;
  /** A short slug naming the selection (file names). */
  slug: string;
  /** The selection was cut short (neighborhood limit, query row cap). */
  truncated: boolean;
  /**
   * The selected nodes in batches; with `withSources`, followed by the sources
   * behind the edges that are not selected nodes themselves. Each node once.
   */
  nodes(opts?: { withSources?: boolean }): AsyncGenerator<ExportNode[]>;
  /** The edges in batches; both endpoints of each are selected nodes. */
  edges(): AsyncGenerator<ExportEdge[]>;
  /** The source nodes behind the edges, each once, in id order. */
  sources(): AsyncGenerator<ExportNode[]>;
  /**
   * Every edge for a citation list, ordered by `rank` of its source id
   * (unranked and missing sources last), then type, endpoint names and id.
   */
  citedClaims(rank: ReadonlyMap<string, number>): AsyncGenerator<CitedClaim[]>;
}

/** What every writer knows about the export besides its data. */
export interface ExportMeta {
  format: string;
  selection: Selection;
  /** ISO 8601 timestamp of the export. */
  exportedAt: string;
  /** CSV: write cells as they are, without neutralizing what a spreadsheet would run. */
  raw?: boolean;
  /** The picture as drawn (positions, colours, sizes), for the formats that carry one (GEXF, GraphML). */
  view?: ExportView;
}

/** Streams an export of `sub` to `out` (which it does not end). */
export type WriteExport = (sub: Subgraph, out: NodeJS.WritableStream, meta: ExportMeta) => Promise<void>;
