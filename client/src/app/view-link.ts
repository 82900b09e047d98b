/**
 * The exact view in a link (url/view-link.ts), between the state and the
 * API: what the canvas holds beyond the opening view (its baseline, kept
 * when it loads), written into the fragment; and, opening such a link, the
 * entities and claims fetched by id (one parameterized read-only Cypher
 * query each, in chunks) and every entity put back where it stood.
 */
import { api } from '../api/index.ts';
import type { ExplorerState } from '../state/index.ts';
import { decodeViewLink, encodeViewLink, idsHash, type DecodedViewLink, type LinkView } from '../url/view-link.ts';

/** What the opening view drew: the link states the canvas against it. */
export interface Baseline {
  nodes: ReadonlySet<string>;
  claims: ReadonlySet<string>;
}

/** Beyond this many entities the link carries no exact view (the URL would run to hundreds of kB, and writing it on every change costs). */
export const LINK_VIEW_MAX_ENTITIES = 5000;

/** Entities and claims are fetched by id this many at a time (the console's row cap is 5 000). */
const CHUNK = 1000;

const NODES_QUERY = 'MATCH (n:Entity) WHERE n.id IN $ids RETURN n';
const CLAIMS_QUERY = 'UNWIND $groups AS g MATCH (a:Entity {id: g.subject})-[r]-(b:Entity) WHERE r.id IN g.claims RETURN a, r, b';

/** The canvas as a link states it, or null beyond LINK_VIEW_MAX_ENTITIES. */
export function linkViewOf(state: ExplorerState, baseline: Baseline): LinkView | null {
  const g = state.graph;
  if (g.graph.order > LINK_VIEW_MAX_ENTITIES) return null;
  const nodes = g.graph.nodes();
  const positions = new Map<string, { x: number; y: number }>();
  const laidOut = new Set<string>();
  g.graph.forEachNode((id, a) => {
    positions.set(id, { x: a.x, y: a.y });
    if (a.laidOut) laidOut.add(id);
  });
  const claims: { id: string; source: string }[] = [];
  for (const c of g.claims.values()) if (!baseline.claims.has(c.id)) claims.push({ id: c.id, source: c.source });
  const removed = [...baseline.nodes].filter((id) => !g.hasNode(id));
  return { nodes, added: nodes.filter((id) => !baseline.nodes.has(id)), removed, claims, expanded: [...g.expanded], positions, laidOut };
}

/** The fragment value of the canvas (null beyond LINK_VIEW_MAX_ENTITIES). */
export function viewFragment(state: ExplorerState, baseline: Baseline): string | null {
  const v = linkViewOf(state, baseline);
  return v ? encodeViewLink(v) : null;
}

/** The link's exact view, from the address's fragment (`#v=...`), or null. */
export function viewOfHash(hash: string): DecodedViewLink | null {
  const m = /^#?v=(.+)$/.exec(hash);
  return m ? decodeViewLink(m[1]!) : null;
}

function chunks<T>(list: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out;
}

/** Groups of claims by subject, cut so that each request asks for at most CHUNK claims. */
function claimChunks(groups: { subject: string | undefined; claims: string[] }[]): { subject: string; claims: string[] }[][] {
  const out: { subject: string; claims: string[] }[][] = [];
  let cur: { subject: string; claims: string[] }[] = [];
  let n = 0;
  for (const gr of groups) {
    if (gr.subject === undefined) continue;
    for (const part of chunks(gr.claims, CHUNK)) {
      if (n + part.length > CHUNK && cur.length) {
        out.push(cur);
        cur = [];
        n = 0;
      }
      cur.push({ subject: gr.subject, claims: part });
      n += part.length;
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * Puts a link's exact view on top of the opening view drawn: removes and
 * adds entities, fetches the claims beyond the opening's, marks
 * expansions, and puts every entity where it stood. Returns whether the
 * places fit (the same entities as when the link was made: otherwise the
 * data changed since, and the caller lays out).
 */
export async function restoreViewLink(state: ExplorerState, link: DecodedViewLink): Promise<{ placed: boolean }> {
  const g = state.graph;
  if (link.removed.length) g.removeNodes(link.removed);
  const missing = link.added.filter((id) => !g.hasNode(id));
  for (const ids of chunks(missing, CHUNK)) {
    const res = await api.cypher(NODES_QUERY, { ids });
    g.merge({ nodes: res.graph.nodes, edges: [] });
  }
  const ids = g.graph.nodes().sort();
  const fits = ids.length === link.count && idsHash(ids) === link.sum;
  const groups = link.claims.map((c) => ({ subject: ids[c.subject], claims: c.ids }));
  if (fits) {
    for (const slice of claimChunks(groups)) {
      const res = await api.cypher(CLAIMS_QUERY, { groups: slice });
      g.merge(res.graph);
    }
  }
  state.batch(() => {
    if (fits) {
      const laid = new Map<string, { x: number; y: number }>();
      const seeded = new Map<string, { x: number; y: number }>();
      link.places.forEach((p, i) => (link.laidOut[i] ? laid : seeded).set(ids[i]!, p));
      g.setPositions(laid, true);
      g.setPositions(seeded, false);
      link.expanded.forEach((i) => ids[i] && g.markExpanded(ids[i]!));
    }
    state.set({ added: link.added.filter((id) => g.hasNode(id)), removed: [...link.removed] });
  });
  return { placed: fits };
}
