import type { SourceDocument, SourceView } from '../api/types.ts';

/** A run of a text: plain, or inside the passages of these claims. */
export interface Segment {
  text: string;
  /** Offset of the run in the whole text. */
  start: number;
  /** The claims whose passages cover it (empty: plain text). */
  claims: string[];
}

/** A claim's passages in a text. */
export interface Passage {
  id: string;
  ranges: { start: number; end: number }[];
}

/** The source view's data: the source and its claims, and its document once asked for. */
export interface SourceContent {
  type: 'source';
  view: SourceView;
  /** The document, loaded when its tab is opened; null before, or when the server has none. */
  document: SourceDocument | null;
}
