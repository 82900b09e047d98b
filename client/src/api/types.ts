/**
 * The API's shapes, taken from the server's contract (server/kernel/contract.ts)
 * as types only: nothing of zod reaches the bundle, and a change of contract
 * is a type error here.
 */
import type { z } from 'zod';
import type * as S from '../../../server/kernel/contract.ts';
import type * as SC from '../../../server/kernel/sources-contract.ts';

export type GraphNode = z.output<typeof S.GraphNode>;
export type GraphEdge = z.output<typeof S.GraphEdge>;
export type GraphData = z.output<typeof S.Graph>;
export type SourceRef = z.output<typeof S.SourceRef>;
export type Claim = z.output<typeof S.Claim>;
export type Health = z.output<typeof S.Health>;
export type SchemaInfo = z.output<typeof S.SchemaInfo>;
export type SearchHit = z.output<typeof S.SearchHit>;
export type SearchResult = z.output<typeof S.SearchResult>;
export type EntityDetail = z.output<typeof S.EntityDetail>;
export type ClaimGroup = EntityDetail['claims'][number];
export type Neighborhood = z.output<typeof S.Neighborhood>;
export type LeftOut = z.output<typeof S.LeftOut>;
export type PathsResult = z.output<typeof S.PathsResult>;
export type Overview = z.output<typeof S.Overview>;
export type CypherResult = z.output<typeof S.CypherResult>;
export type Selection = z.input<typeof S.Selection>;
export type ExportFormat = S.ExportFormat;
/** The picture as drawn (positions, colours, sizes), sent with a GEXF or GraphML export. */
export type ExportView = z.input<typeof S.ExportView>;
export type QuoteContext = z.output<typeof SC.QuoteContext>;
export type SourceView = z.output<typeof SC.SourceView>;
export type SourceDocument = z.output<typeof SC.SourceDocument>;
export type ErrorBody = z.output<typeof S.ErrorBody>;

export interface NeighborhoodParams {
  depth?: number;
  types?: string[];
  kinds?: string[];
  status?: string[];
  from?: string;
  to?: string;
  limit?: number;
}

export interface OverviewParams {
  limit?: number;
  edgeLimit?: number;
  includeSources?: boolean;
  kinds?: string[];
  dataset?: string;
}

export interface PathsParams {
  from: string;
  to: string;
  maxHops?: number;
  /** Minimum strength. */
  status?: string;
  /** The canvas's filters: statuses shown, types shown (and chosen), kinds of the steps, datasets hidden, years. */
  statuses?: string[];
  types?: string[];
  kinds?: string[];
  hiddenDatasets?: string[];
  yearFrom?: number;
  yearTo?: number;
  undated?: boolean;
  direction?: 'any' | 'out' | 'in';
}

/** Where a Cypher syntax error is, as the API reports it (1-based line and column). */
export interface ErrorPosition {
  line: number;
  column: number;
  offset: number;
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
  contentType: string;
}
