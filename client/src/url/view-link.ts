/**
 * The exact picture in a link: which entities and claims are on the canvas
 * and where each entity stands, so that a link reopens the same view rather
 * than re-running expansions under today's caps and laying everything out
 * again. It goes in the URL's fragment (`#v=...`: never sent to a server,
 * so only the medium that carries the link limits its length).
 *
 * It is stated against the opening view (which the link's query string
 * gives: `limit`, `edgeLimit`): entities added to it and removed from it,
 * and the claims added beyond its own, each under its subject entity; then
 * the place of every entity (laid out or still at its seeded place: sigma
 * frames the camera on the box of all of them), quantized to 15 bits per
 * coordinate in that box (a 1 000-px-wide view of the whole box is off by
 * 0.03 px; at the deepest zoom by about a pixel), and which were laid out.
 *
 *   #v=<lz-string of the JSON below>.<positions, 5 base64url chars each>
 *   { v: 1, add: [ids], rm: [ids], c: [[subject index, claim ids...]...],
 *     x: [expanded indexes], has: "<bitmap of the laid-out entities>",
 *     box: [x1, y1, x2, y2], n: <entities>, sum: "<hash of the sorted ids>" }
 *
 * Indexes are into the sorted ids of the entities on the canvas; `n` and
 * `sum` tell a reader whose opening view differs (the data changed since)
 * that the places do not fit, so it lays out instead. Pure: unit-tested.
 */
import lzModule from 'lz-string';
import type * as LzString from 'lz-string';

type Lz = typeof LzString;
const lz: Lz = (lzModule as unknown as { default?: Lz }).default ?? (lzModule as unknown as Lz);

/** The canvas as a link states it. */
export interface LinkView {
  /** Every entity on the canvas. */
  nodes: string[];
  /** Entities not in the opening view, and entities of the opening view removed. */
  added: string[];
  removed: string[];
  /** Claims beyond the opening view's, with their subject entity. */
  claims: { id: string; source: string }[];
  expanded: string[];
  /** Where each entity stands (graph coordinates); one without a place is not encoded. */
  positions: Map<string, { x: number; y: number }>;
  /** The entities a layout placed (the others stand at their seeded places until laid out). */
  laidOut: ReadonlySet<string>;
}

const BITS = 15;
const STEPS = (1 << BITS) - 1;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** FNV-1a of the ids, as 8 hex digits: the reader checks it has the same entities. */
export function idsHash(sortedIds: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const id of sortedIds) {
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 10, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function bitmap(flags: boolean[]): string {
  let out = '';
  for (let i = 0; i < flags.length; i += 6) {
    let v = 0;
    for (let j = 0; j < 6; j++) if (flags[i + j]) v |= 1 << j;
    out += B64[v];
  }
  return out;
}

function unbitmap(s: string, n: number): boolean[] {
  const flags: boolean[] = [];
  for (let i = 0; i < n; i++) flags.push(((B64.indexOf(s[Math.floor(i / 6)] ?? 'A') >> i % 6) & 1) === 1);
  return flags;
}

/** Round to what survives the trip (the box corners are stored rounded). */
const round = (v: number) => Math.round(v * 1000) / 1000;

export function encodeViewLink(view: LinkView): string {
  const ids = [...view.nodes].sort();
  const at = new Map(ids.map((id, i) => [id, i] as const));
  const placed = ids.map((id) => view.laidOut.has(id));
  const pts = ids.map((id) => view.positions.get(id) ?? { x: 0, y: 0 });
  const box = pts.length
    ? [round(Math.min(...pts.map((p) => p.x))), round(Math.min(...pts.map((p) => p.y))), round(Math.max(...pts.map((p) => p.x))), round(Math.max(...pts.map((p) => p.y)))]
    : [0, 0, 0, 0];
  const [x1, y1, x2, y2] = box as [number, number, number, number];
  const q = (v: number, lo: number, hi: number) => (hi > lo ? Math.max(0, Math.min(STEPS, Math.round(((v - lo) / (hi - lo)) * STEPS))) : 0);
  let positions = '';
  for (const p of pts) {
    const v = q(p.x, x1, x2) * (1 << BITS) + q(p.y, y1, y2);
    for (let k = 4; k >= 0; k--) positions += B64[Math.floor(v / 64 ** k) % 64];
  }
  const bySubject = new Map<number, string[]>();
  for (const c of view.claims) {
    const i = at.get(c.source);
    if (i === undefined) continue;
    const l = bySubject.get(i) ?? [];
    l.push(c.id);
    bySubject.set(i, l);
  }
  const payload = {
    v: 1,
    add: [...view.added].sort(),
    rm: [...view.removed].sort(),
    c: [...bySubject].sort((a, b) => a[0] - b[0]).map(([i, l]) => [i, ...l.sort()]),
    x: view.expanded.map((id) => at.get(id)).filter((i): i is number => i !== undefined),
    has: bitmap(placed),
    box,
    n: ids.length,
    sum: idsHash(ids),
  };
  return `${lz.compressToEncodedURIComponent(JSON.stringify(payload))}.${positions}`;
}

/** A decoded link, before it meets the opening view: what to add, remove and fetch, and places by index. */
export interface DecodedViewLink {
  added: string[];
  removed: string[];
  /** Claims to fetch, grouped by subject (an index into the sorted ids). */
  claims: { subject: number; ids: string[] }[];
  expanded: number[];
  /** Per index into the sorted ids: the place, and whether a layout placed it. */
  places: { x: number; y: number }[];
  laidOut: boolean[];
  count: number;
  sum: string;
}

/** Reads a fragment value; null when it is not one this code wrote (cut short, edited, another version). */
export function decodeViewLink(value: string): DecodedViewLink | null {
  const dot = value.lastIndexOf('.');
  if (dot < 0) return null;
  let p: { v?: unknown; add?: unknown; rm?: unknown; c?: unknown; x?: unknown; has?: unknown; box?: unknown; n?: unknown; sum?: unknown };
  try {
    p = JSON.parse(lz.decompressFromEncodedURIComponent(value.slice(0, dot)) || 'null') as typeof p;
  } catch {
    return null;
  }
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (!p || p.v !== 1 || !strings(p.add) || !strings(p.rm) || !Array.isArray(p.c) || !Array.isArray(p.x) || typeof p.has !== 'string') return null;
  if (!Array.isArray(p.box) || p.box.length !== 4 || !p.box.every((v) => typeof v === 'number') || typeof p.n !== 'number' || typeof p.sum !== 'string') return null;
  const n = p.n;
  const flags = unbitmap(p.has, n);
  const chars = value.slice(dot + 1);
  const [x1, y1, x2, y2] = p.box as [number, number, number, number];
  const places: { x: number; y: number }[] = [];
  let k = 0;
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < 5; j++) v = v * 64 + B64.indexOf(chars[k * 5 + j] ?? 'A');
    k++;
    const qx = Math.floor(v / (1 << BITS));
    const qy = v % (1 << BITS);
    places.push({ x: x1 + ((x2 - x1) * qx) / STEPS, y: y1 + ((y2 - y1) * qy) / STEPS });
  }
  if (k * 5 !== chars.length) return null;
  const claims = (p.c as unknown[])
    .filter((g): g is [number, ...string[]] => Array.isArray(g) && typeof g[0] === 'number' && g.slice(1).every((x) => typeof x === 'string'))
    .map(([subject, ...ids]) => ({ subject, ids }));
  return { added: p.add as string[], removed: p.rm as string[], claims, expanded: (p.x as unknown[]).filter((i): i is number => typeof i === 'number'), places, laidOut: flags, count: n, sum: p.sum };
}
