/**
 * Investigation documents for tests, made the way the client makes them:
 * the API's opening view merged into an ExplorerState, notes and steps set,
 * ExplorerState.save() and documentOf().
 */
import { documentOf } from '../../client/src/investigations/index.ts';
import type { InvestigationDocument } from '../../client/src/investigations/types.ts';
import { ExplorerState } from '../../client/src/state/index.ts';
import type { GraphData } from '../../client/src/api/types.ts';

export async function documentFromApi(url: string, opts: { title?: string; note?: string } = {}): Promise<InvestigationDocument> {
  const res = await fetch(`${url}/api/graph?limit=1000&includeSources=true`);
  if (!res.ok) throw new Error(`GET /api/graph: ${res.status}`);
  const data = (await res.json()) as GraphData;
  const state = new ExplorerState();
  state.graph.merge(data);
  const at = '2026-03-01T10:00:00.000Z';
  state.set({
    notes: [{ id: 'n-1', target: { type: 'entity', id: 'org-hub' }, text: opts.note ?? 'The hub.', createdAt: at, updatedAt: at }],
    story: [{ id: 's-1', title: 'The hub', text: 'It all starts here.', nodes: ['org-hub'], edges: [], camera: { x: 0, y: 0, extent: 200, angle: 0 } }],
  });
  return documentOf(state.save(), opts.title ?? 'Fixture investigation', new Date(at));
}
