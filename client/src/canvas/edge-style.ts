/** How a drawn edge looks (colour, width, dash, label), from the claims that pass the filters (strongest first). */
import type { GraphEdge } from '../api/types.ts';
import { sourceCount } from '../graph/fold.ts';
import { typeLabel } from '../graph/format.ts';
import { statusStyle } from '../theme/index.ts';

export interface EdgeLookResult {
  color: string;
  size: number;
  label: string;
  type: string;
}

/** Looks by program flag, type, strongest status and source count. */
const looks = new Map<string, Map<string, Map<string, EdgeLookResult[]>>>();

/**
 * How a drawn edge looks. `plain` (big graphs) draws every edge with the
 * straight solid arrow program, the cheapest; the status stays in the colour
 * and width. Looks are shared objects (one per type, status, source count and
 * program), so the reducer allocates no label string per edge.
 */
export function edgeLook(type: string, claims: readonly GraphEdge[], curved: boolean, plain = false): Readonly<EdgeLookResult> {
  const strongest = claims[0]?.status ?? null;
  const n = claims.length === 1 ? 1 : sourceCount(claims);
  const flag = plain ? 'p' : curved ? 'c' : '';
  let byType = looks.get(flag);
  if (!byType) looks.set(flag, (byType = new Map()));
  let byStatus = byType.get(type);
  if (!byStatus) byType.set(type, (byStatus = new Map()));
  let byCount = byStatus.get(strongest ?? '');
  if (!byCount) byStatus.set(strongest ?? '', (byCount = []));
  let look = byCount[n];
  if (!look) {
    const style = statusStyle(strongest);
    const dashed = style.dash.length > 0;
    const program = plain ? 'arrow' : curved ? 'curved' : dashed ? (style.dash[0]! <= 2 ? 'dotted' : 'dashed') : 'arrow';
    look = {
      color: style.color,
      // Thinner on a big view: a zoomed-in hairball of full-width edges and heads hid the entities.
      size: style.size * (1 + 0.45 * (Math.min(n, 6) - 1)) * (plain ? 0.6 : 1),
      label: n > 1 ? `${typeLabel(type)} · ${n} sources` : typeLabel(type),
      type: program,
    };
    byCount[n] = look;
  }
  return look;
}
