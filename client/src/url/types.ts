import type { Filters } from '../filters/types.ts';
import type { SizeMetric } from '../graph/types.ts';
import type { PathQuery } from '../paths/types.ts';

/** The view a shared link reopens. */
export interface UrlState {
  /** The entity selected (panel open on it). */
  focus: string | null;
  /** Entities whose neighbours were expanded, in order. */
  expanded: string[];
  /** Entities added one by one (from search) beyond the opening view. */
  added: string[];
  hidden: string[];
  removed: string[];
  pinned: string[];
  filters: Filters;
  /** The last console query merged into the canvas. */
  query: string | null;
  path: PathQuery | null;
  metric: SizeMetric;
  camera: { x: number; y: number; ratio: number } | null;
  /** Entities in the opening view (`limit`, default OPENING_LIMIT, at most 100 000). */
  limit: number | null;
  /** Claims in the opening view (`edgeLimit`, default from the limit, at most 500 000). */
  edgeLimit: number | null;
  /** Lay out the opening view automatically (`layout=0` turns it off: positions stay seeded until the Layout button). */
  autoLayout: boolean;
}
