/**
 * Notes: what the user writes about an entity, an edge or a place on the
 * canvas. They live in the state (`notes`, saved with the investigation);
 * this feature adds, edits and removes them, draws their markers over the
 * canvas (placed again after every frame sigma draws, so they follow pans,
 * zooms and layouts), and gives the evidence panel and the drawer their lists.
 */
import { typeLabel } from '../../graph/format.ts';
import type { Change } from '../../state/index.ts';
import { h } from '../../ui/dom.ts';
import type { Services } from '../../ui/services.ts';
import { addNote, edgeMarkerPoint, editNote, markers, notesAbout, removeNote, targetKey } from './index.ts';
import type { Marker, Note, NoteTarget } from './types.ts';
import { MarkerLayer, markerPopover, noteCard, noteEditor, notesSection } from './view.ts';

export interface NotesHooks {
  /** Shows an entity's or an edge's evidence (a note's "Open" link). */
  select(target: NoteTarget): void;
}

type ItemTarget = { type: 'entity' | 'edge'; id: string };

export class NotesFeature {
  private readonly layer: MarkerLayer;
  private popover: { el: HTMLElement; key: string } | null = null;
  /** The panel's notes section, kept live while the panel shows its item. */
  private section: { target: ItemTarget; el: HTMLElement } | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly s: Services,
    private readonly stage: HTMLElement,
    private readonly hooks: NotesHooks,
  ) {
    this.layer = new MarkerLayer({ open: (m, anchor) => this.openPopover(m, anchor) });
    stage.append(this.layer.el);
    s.canvas.sigma.on('afterRender', () => this.placeMarkers());
    stage.addEventListener('pointerdown', (e) => {
      if (this.popover && !this.popover.el.contains(e.target as Node) && !(e.target as HTMLElement).closest?.('.note-marker')) this.closePopover();
    });
  }

  get notes(): readonly Note[] {
    return this.s.state.view.notes;
  }

  /** Called when the notes change (the drawer's list redraws). */
  onNotes(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The state's subscriber. */
  onChange(c: Change): void {
    if (c.has('notes')) {
      this.refreshSection();
      this.refreshPopover();
      this.listeners.forEach((fn) => fn());
    }
    if (c.has('notes', 'graph', 'filters', 'highlight')) this.placeMarkers();
  }

  // ---- changing ------------------------------------------------------------------

  add(target: NoteTarget, text: string): void {
    this.s.state.set({ notes: addNote(this.notes, target, text, new Date()) });
  }

  edit(id: string, text: string): void {
    this.s.state.set({ notes: editNote(this.notes, id, text, new Date()) });
  }

  remove(id: string): void {
    this.s.state.set({ notes: removeNote(this.notes, id) });
  }

  /** Starts a note at the middle of the view (graph coordinates), in a popover by its place. */
  addOnCanvas(): void {
    const { sigma } = this.s.canvas;
    const { width, height } = sigma.getDimensions();
    const p = sigma.viewportToGraph({ x: width / 2, y: height / 2 });
    const target: NoteTarget = { type: 'canvas', x: Math.round(p.x * 100) / 100, y: Math.round(p.y * 100) / 100 };
    this.closePopover();
    const anchor = h('span', { class: 'note-anchor', style: `left:${width / 2}px;top:${height / 2}px` });
    this.stage.append(anchor);
    const done = () => {
      anchor.remove();
      this.closePopover();
    };
    const editor = noteEditor('', (t) => {
      this.add(target, t);
      done();
    }, done, 'Note on the canvas');
    const pop = markerPopover('Note on the canvas', editor, anchor, done);
    pop.dataset.key = targetKey(target);
    this.stage.append(pop);
    this.popover = { el: pop, key: targetKey(target) };
  }

  // ---- what the panel and the drawer show ------------------------------------------

  /** The evidence panel's notes section for its entity or edge (kept up to date until the panel shows something else). */
  panelSection(target: ItemTarget): HTMLElement {
    const el = this.buildSection(target, false);
    this.section = { target, el };
    return el;
  }

  /** Opens the panel's note editor (a shortcut from elsewhere). */
  private buildSection(target: ItemTarget, editing: boolean): HTMLElement {
    return notesSection(notesAbout(this.notes, target.type, target.id), { add: (t) => this.add(target, t), edit: (id, t) => this.edit(id, t), remove: (id) => this.remove(id) }, editing);
  }

  private refreshSection(): void {
    const sec = this.section;
    if (!sec || !sec.el.isConnected) {
      this.section = null;
      return;
    }
    const next = this.buildSection(sec.target, false);
    sec.el.replaceWith(next);
    this.section = { target: sec.target, el: next };
  }

  /** A note's target in words: the entity's name, "A → funded → B", or "the canvas". */
  describe(t: NoteTarget): string {
    const g = this.s.state.graph.graph;
    if (t.type === 'canvas') return 'the canvas';
    if (t.type === 'entity') return g.hasNode(t.id) ? g.getNodeAttribute(t.id, 'label') : t.id;
    if (!g.hasEdge(t.id)) {
      const [a, type, b] = t.id.split('|');
      return `${a} → ${typeLabel(type ?? '')} → ${b}`;
    }
    return `${g.getNodeAttribute(g.source(t.id), 'label')} → ${typeLabel(g.getEdgeAttribute(t.id, 'type'))} → ${g.getNodeAttribute(g.target(t.id), 'label')}`;
  }

  /** Every note, grouped by what it is about: the drawer's Notes tab. */
  listView(): HTMLElement {
    const groups = new Map<string, { target: NoteTarget; notes: Note[] }>();
    for (const n of this.notes) {
      const k = targetKey(n.target);
      const grp = groups.get(k) ?? { target: n.target, notes: [] };
      grp.notes.push(n);
      groups.set(k, grp);
    }
    const actions = { edit: (id: string, t: string) => this.edit(id, t), remove: (id: string) => this.remove(id) };
    return h(
      'div',
      { class: 'notes-all' },
      [...groups.values()].map(({ target, notes }) =>
        h(
          'section',
          { class: 'note-group', 'data-target': targetKey(target) },
          h(
            'h4',
            { class: 'note-group-title' },
            target.type === 'canvas'
              ? h('span', { class: 'muted' }, 'On the canvas')
              : h('button', { type: 'button', class: 'entity-link', title: 'Show its evidence', onclick: () => this.hooks.select(target) }, this.describe(target)),
          ),
          h('ul', { class: 'note-list' }, notes.map((n) => noteCard(n, actions))),
        ),
      ),
    );
  }

  // ---- markers -------------------------------------------------------------------

  /** Where a note's marker goes now (CSS pixels of the canvas), or null when its item is not drawn. */
  private place(t: NoteTarget): { x: number; y: number; dim?: boolean } | null {
    const { sigma } = this.s.canvas;
    const vis = this.s.state.visibility;
    const hl = this.s.state.view.highlight;
    if (t.type === 'canvas') return sigma.graphToViewport({ x: t.x, y: t.y });
    if (t.type === 'entity') {
      if (!vis.nodes.has(t.id)) return null;
      const d = sigma.getNodeDisplayData(t.id);
      if (!d) return null;
      const p = sigma.framedGraphToViewport(d);
      const r = sigma.scaleSize(d.size);
      return { x: p.x + r * 0.72 + 2, y: p.y - r * 0.72 - 2, dim: hl?.kind === 'story' && !hl.nodes.has(t.id) };
    }
    const g = this.s.state.graph.graph;
    if (!vis.edges.has(t.id) || !g.hasEdge(t.id)) return null;
    const a = sigma.getNodeDisplayData(g.source(t.id));
    const b = sigma.getNodeDisplayData(g.target(t.id));
    if (!a || !b || a.hidden || b.hidden) return null;
    const curvature = this.s.state.isBig ? 0 : (g.getEdgeAttribute(t.id, 'curvature') ?? 0);
    return { ...edgeMarkerPoint(sigma.framedGraphToViewport(a), sigma.framedGraphToViewport(b), curvature), dim: hl?.kind === 'story' && !hl.edges.has(t.id) };
  }

  private placeMarkers(): void {
    if (!this.notes.length) {
      this.layer.render([], () => '');
      return;
    }
    this.layer.render(
      markers(this.notes, (t) => this.place(t)),
      (t) => this.describe(t),
    );
  }

  private openPopover(m: Marker, anchor: HTMLElement): void {
    this.closePopover();
    const actions = { edit: (id: string, t: string) => this.edit(id, t), remove: (id: string) => this.remove(id) };
    const target = m.target;
    const open =
      target.type === 'canvas'
        ? null
        : h('div', { class: 'note-popover-foot' }, h('button', { type: 'button', class: 'btn-link', onclick: () => (this.closePopover(), this.hooks.select(target)) }, 'Show its evidence →'));
    const pop = markerPopover(this.describe(target), h('ul', { class: 'note-list' }, m.notes.map((n) => noteCard(n, actions))), anchor, () => this.closePopover(), open);
    pop.dataset.key = m.key;
    this.stage.append(pop);
    this.popover = { el: pop, key: m.key };
    pop.querySelector<HTMLElement>('button')?.focus();
  }

  private refreshPopover(): void {
    const p = this.popover;
    if (!p) return;
    const anchor = this.layer.el.querySelector<HTMLElement>(`[data-marker="${CSS.escape(p.key)}"]`);
    const m = anchor ? (anchor as HTMLElement & { marker?: Marker }).marker : undefined;
    if (!anchor || !m) return this.closePopover();
    // The marker's notes are those of the next frame: rebuild from the state.
    const notes = this.notes.filter((n) => targetKey(n.target) === p.key);
    if (!notes.length) return this.closePopover();
    this.openPopover({ ...m, notes }, anchor);
  }

  private closePopover(): void {
    this.popover?.el.remove();
    this.popover = null;
  }
}
