/**
 * The right-click menu on the canvas. On an entity: show its evidence,
 * expand it (all, or by relationship type and direction, each with its
 * claims counted against the canvas), hide, pin, remove, a path from or to
 * it, and open it when it is a source with an address. On an edge: its
 * evidence, the sources of its claims to open, its two entities, hide its
 * relationship type. On the background: fit, layout, show what was hidden,
 * unpin, clear the highlight, find a path. The counts and sources come from
 * the entity's evidence (one request); the menu opens at once and fills in.
 */
import { api } from '../api/index.ts';
import { typeLabel } from '../graph/format.ts';
import type { LayoutFeature } from '../layout/actions.ts';
import type { PanelFeature } from '../panel/actions.ts';
import { LEFT_OUT_CAP, type EntityActions } from '../panel/entity-actions.ts';
import type { PathsFeature } from '../paths/actions.ts';
import type { Services } from '../ui/services.ts';
import { countNote, relationCounts, sourcesOf, type RelationCount } from './index.ts';
import { ContextMenuView, type MenuItem } from './view.ts';

/** "Expand by" rows shown at most (the panel lists every type): fewer on a short window, so the menu fits. */
const maxRows = () => (window.innerHeight < 700 ? 6 : 12);

export interface ContextMenuDeps {
  entity: EntityActions;
  panel: PanelFeature;
  paths: PathsFeature;
  layout: LayoutFeature;
}

export class ContextMenuFeature {
  readonly view = new ContextMenuView();
  /** Which menu is open (a late answer for another is dropped). */
  private opened = 0;

  constructor(
    private readonly s: Services,
    private readonly d: ContextMenuDeps,
  ) {
    const sigma = s.canvas.sigma;
    // The browser's own menu gives way to ours on the canvas.
    sigma.getContainer().addEventListener('contextmenu', (e) => e.preventDefault());
    const at = (e: { event: { original: MouseEvent | TouchEvent } }) => {
      const o = e.event.original;
      return 'clientX' in o ? { x: o.clientX, y: o.clientY } : { x: o.touches[0]?.clientX ?? 0, y: o.touches[0]?.clientY ?? 0 };
    };
    sigma.on('rightClickNode', (e) => {
      e.preventSigmaDefault();
      this.openNode(e.node, at(e));
    });
    sigma.on('rightClickEdge', (e) => {
      e.preventSigmaDefault();
      this.openEdge(e.edge, at(e));
    });
    sigma.on('rightClickStage', (e) => {
      e.preventSigmaDefault();
      this.openStage(at(e));
    });
  }

  close(): void {
    this.view.close();
  }

  private openNode(id: string, p: { x: number; y: number }): void {
    const { state } = this.s;
    const n = state.graph.node(id);
    if (!n) return;
    const token = ++this.opened;
    const build = (rows: RelationCount[] | null, error?: string) => this.nodeItems(id, rows, error);
    this.view.open(p.x, p.y, `Actions for ${n.label}`, build(null));
    api
      .entity(id)
      .then((detail) => {
        if (token !== this.opened) return;
        const store = state.graph;
        this.view.update(build(relationCounts(detail, (c) => store.claims.has(c))));
      })
      .catch((e: Error) => token === this.opened && this.view.update(build([], `Could not count its claims: ${e.message}`)));
  }

  private nodeItems(id: string, rows: RelationCount[] | null, error?: string): MenuItem[] {
    const { state } = this.s;
    const n = state.graph.node(id)!;
    const { entity, panel, paths } = this.d;
    const url = n.kind === 'source' && typeof n.entity.properties.url === 'string' ? n.entity.properties.url : null;
    const expandRows: MenuItem[] =
      rows === null
        ? [{ kind: 'pending', text: 'Counting its claims…' }]
        : error
          ? [{ kind: 'note', text: error }]
          : rows.length === 0
            ? [{ kind: 'note', text: 'No claims with other entities' }]
            : [
                ...rows.slice(0, maxRows()).map(
                  (r): MenuItem => ({
                    kind: 'action',
                    id: `expand-${r.type}-${r.direction}`,
                    glyph: r.direction === 'out' ? '→' : '←',
                    text: typeLabel(r.type),
                    title: `${r.direction === 'out' ? `${n.label} ${typeLabel(r.type)}` : `${typeLabel(r.type)} ${n.label}`}: ${r.others} ${r.others === 1 ? 'entity' : 'entities'} ${r.direction === 'out' ? '(it is the subject)' : 'point at it'}`,
                    note: countNote(r),
                    disabled: r.missing === 0,
                    data: { type: r.type, direction: r.direction, claims: String(r.claims), missing: String(r.missing) },
                    run: () => void entity.expand(id, { types: [r.type], direction: r.direction, limit: LEFT_OUT_CAP }),
                  }),
                ),
                ...(rows.length > maxRows() ? [{ kind: 'note' as const, text: `${rows.length - maxRows()} more in its panel` }] : []),
              ];
    return [
      { kind: 'header', text: n.label, note: n.kind },
      { kind: 'action', id: 'evidence', glyph: '☰', text: 'Show evidence', run: () => void panel.select({ type: 'node', id }) },
      { kind: 'action', id: 'expand', glyph: '+', text: 'Expand', note: 'every relationship', run: () => void entity.expand(id) },
      { kind: 'group', text: 'Expand by relationship  → from it  ← to it' },
      ...expandRows,
      { kind: 'separator' },
      { kind: 'action', id: 'hide', glyph: '◌', text: 'Hide', run: () => entity.toggleHidden(id) },
      { kind: 'action', id: 'pin', glyph: '⚲', text: n.pinned ? 'Unpin' : 'Pin where it is', run: () => entity.pin(id, !n.pinned) },
      { kind: 'action', id: 'remove', glyph: '×', text: 'Remove from the canvas', run: () => entity.remove(id) },
      { kind: 'separator' },
      { kind: 'action', id: 'path-from', glyph: '⇢', text: 'Path from here…', run: () => paths.finder.setEnd('from', id, n.label) },
      { kind: 'action', id: 'path-to', glyph: '⇠', text: 'Path to here…', run: () => paths.finder.setEnd('to', id, n.label) },
      ...(url ? [{ kind: 'separator' as const }, { kind: 'link' as const, id: 'open-source', text: 'Open source', href: url }] : []),
    ];
  }

  private openEdge(edge: string, p: { x: number; y: number }): void {
    const { state } = this.s;
    const g = state.graph.graph;
    if (!g.hasEdge(edge)) return;
    const [from, to] = g.extremities(edge);
    const type = g.getEdgeAttribute(edge, 'type');
    const claims = g.getEdgeAttribute(edge, 'claims');
    const name = (id: string) => state.graph.node(id)?.label ?? id;
    const token = ++this.opened;
    const build = (sources: MenuItem[]): MenuItem[] => [
      { kind: 'header', text: `${name(from)} — ${typeLabel(type)} → ${name(to)}`, note: `${claims.length} claim${claims.length === 1 ? '' : 's'}` },
      { kind: 'action', id: 'evidence', glyph: '☰', text: 'Show evidence', run: () => void this.d.panel.select({ type: 'edge', id: edge }) },
      { kind: 'group', text: 'Sources' },
      ...sources,
      { kind: 'separator' },
      { kind: 'action', id: 'select-from', glyph: '●', text: name(from), note: 'subject', run: () => void this.d.panel.select({ type: 'node', id: from }, { moveCamera: true }) },
      { kind: 'action', id: 'select-to', glyph: '●', text: name(to), note: 'object', run: () => void this.d.panel.select({ type: 'node', id: to }, { moveCamera: true }) },
      { kind: 'separator' },
      { kind: 'action', id: 'hide-type', glyph: '◌', text: `Hide every “${typeLabel(type)}”`, run: () => this.hideType(type) },
    ];
    this.view.open(p.x, p.y, `Actions for the ${typeLabel(type)} claims`, build([{ kind: 'pending', text: 'Finding its sources…' }]));
    api
      .entity(from)
      .then((detail) => {
        if (token !== this.opened) return;
        const found = sourcesOf(detail, new Set(claims));
        this.view.update(
          build(
            found.length
              ? found.map((s, i): MenuItem => ({ kind: 'link', id: `source-${i}`, text: s.title, note: found.length > 1 || claims.length > 1 ? `${s.claims} of ${claims.length}` : undefined, href: s.url }))
              : [{ kind: 'note', text: 'No source with an address' }],
          ),
        );
      })
      .catch((e: Error) => token === this.opened && this.view.update(build([{ kind: 'note', text: `Could not read its sources: ${e.message}` }])));
  }

  private hideType(type: string): void {
    const { state } = this.s;
    const f = state.view.filters;
    if (!f.hiddenTypes.includes(type)) state.set({ filters: { ...f, hiddenTypes: [...f.hiddenTypes, type] } });
  }

  private openStage(p: { x: number; y: number }): void {
    ++this.opened;
    const { state, canvas } = this.s;
    const hidden = state.graph.hiddenByUser();
    const pinned = state.graph.pinned();
    const { layout, paths } = this.d;
    this.view.open(p.x, p.y, 'Canvas actions', [
      { kind: 'header', text: 'Canvas', note: `${state.visibility.nodes.size} entities drawn` },
      { kind: 'action', id: 'fit', glyph: '⤢', text: 'Fit the graph', run: () => canvas.fit() },
      { kind: 'action', id: 'layout', glyph: '▷', text: layout.running ? 'Stop the layout' : 'Run the layout again', run: () => layout.toggle() },
      { kind: 'action', id: 'find-path', glyph: '⇢', text: 'Find a path…', run: () => paths.finder.toggle(true) },
      { kind: 'separator' },
      {
        kind: 'action',
        id: 'show-hidden',
        glyph: '◉',
        text: 'Show hidden entities',
        note: String(hidden.length),
        disabled: hidden.length === 0,
        run: () =>
          state.batch(() => {
            state.checkpoint();
            state.graph.setHidden(hidden, false);
          }),
      },
      {
        kind: 'action',
        id: 'unpin-all',
        glyph: '⚲',
        text: 'Unpin all',
        note: String(pinned.length),
        disabled: pinned.length === 0,
        run: () =>
          state.batch(() => {
            state.checkpoint();
            for (const id of pinned) state.graph.setPinned(id, false);
          }),
      },
      { kind: 'action', id: 'clear-highlight', glyph: '✕', text: 'Clear the highlight', disabled: !state.view.highlight, run: () => state.set({ highlight: null }) },
    ]);
  }
}
