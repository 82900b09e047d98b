import type { GraphEdge, SourceRef } from '../../api/types.ts';
import type { GraphCamera, Note } from '../types.ts';

export const PUBLISHED_FORMAT = 'claimgraph-published';

/** One entity as drawn when published. */
export interface PublishedNode {
  id: string;
  name: string;
  kind: string;
  x: number;
  y: number;
  size: number;
}

/** One drawn edge: the claims folded into it that were shown, strongest first. */
export interface PublishedEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  claims: string[];
}

/** A story step as the viewer plays it. */
export interface PublishedStep {
  title: string;
  text: string;
  nodes: string[];
  edges: string[];
  camera: GraphCamera | null;
}

/**
 * Everything the published file shows, as the JSON inlined in it: the
 * subgraph drawn when it was published, every claim behind its edges with the
 * sources they cite, the notes about what it shows, and the story.
 */
export interface PublishedData {
  format: typeof PUBLISHED_FORMAT;
  version: 1;
  title: string;
  publishedAt: string;
  datasets: { name: string; title: string | null }[];
  nodes: PublishedNode[];
  edges: PublishedEdge[];
  claims: GraphEdge[];
  sources: SourceRef[];
  notes: Note[];
  story: PublishedStep[];
  /** Claim statuses, strongest first, with what each means. */
  statuses: { status: string; meaning: string }[];
  kinds: { kind: string; label: string }[];
}

/** The viewer's built files (client/dist/viewer/), inlined into the page. */
export interface ViewerAssets {
  js: string;
  css: string;
}
