import type { GraphEdge } from '../api/types.ts';

/** What the user chose to hide. Everything is shown unless named here. */
export interface Filters {
  hiddenKinds: string[];
  hiddenTypes: string[];
  hiddenStatuses: string[];
  /** Datasets whose contributions are hidden (an item stays while another of its datasets is shown). */
  hiddenDatasets: string[];
  /** Inclusive year range of dated claims; null for open. */
  yearFrom: number | null;
  yearTo: number | null;
  /** Keep claims without a date while a year range is set. */
  keepUndated: boolean;
}

/** Sources are evidence: shown in the panel, not on the canvas, until asked for. */
export const DEFAULT_FILTERS: Filters = {
  hiddenKinds: ['source'],
  hiddenTypes: [],
  hiddenStatuses: [],
  hiddenDatasets: [],
  yearFrom: null,
  yearTo: null,
  keepUndated: true,
};

/** Why something is not drawn, for the legend's counts. */
export type HiddenReason = 'kind' | 'dataset' | 'user' | 'isolated';

/** The result of applying filters to the canvas graph. */
export interface Visibility {
  /** Nodes drawn. */
  nodes: Set<string>;
  /** Drawn edges with the claims that pass, strongest first. */
  edges: Map<string, GraphEdge[]>;
  hiddenNodes: Map<string, HiddenReason>;
  /** Claims on the canvas, by kind/type/status, before and after filtering. */
  counts: {
    kinds: Map<string, { total: number; shown: number }>;
    types: Map<string, { total: number; shown: number }>;
    statuses: Map<string, { total: number; shown: number }>;
    /** Entities on the canvas per dataset they came from. */
    datasets: Map<string, { total: number; shown: number }>;
    claimsTotal: number;
    claimsShown: number;
    /** Claims whose both ends are drawn but which the claim filters (status, type, dates) hide. */
    claimsFiltered: number;
    /** Claims on the canvas with a date (what a date filter acts on; the others are "undated"). */
    claimsDated: number;
  };
  /** Dated claims per year (claims whose both ends pass the node filters). */
  histogram: Map<number, number>;
}
