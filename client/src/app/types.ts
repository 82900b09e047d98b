import type { SummaryOfView } from './utils.ts';

/** The read-only hook tests (and curious users) read: `window.__claimgraph`. */
export interface TestHook {
  /** Resolves when the opening view is drawn and laid out (and the URL's view restored). */
  ready: Promise<void>;
  /** Resolves when no request, layout or render is pending. */
  idle(): Promise<void>;
  summary(): SummaryOfView;
  /** Where a node is drawn, in CSS pixels relative to the canvas element. */
  nodePosition(id: string): { x: number; y: number } | null;
  /** A point on a drawn straight edge (t = 0 at its source, 1 at its target), in CSS pixels relative to the canvas element. */
  edgePosition(id: string, t?: number): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __claimgraph?: TestHook;
  }
}
