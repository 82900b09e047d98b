/**
 * The published page (the viewer bundle): reads the investigation inlined
 * as JSON in the page, draws it with sigma, and plays its story: an overview
 * card, then each step's title, text and the claims behind its highlighted
 * edges (status, quote, source), with the rest of the network faded. Tap an
 * entity or an edge for its claims; the Citations tab lists every claim
 * shown, by source; notes show as markers and in the Notes tab. Arrow keys
 * step through.
 *
 * Everything from the data is text (DOM APIs only); the page's CSP lets only
 * this script run and nothing reach the network.
 */
import './styles.css';
import type { GraphEdge, SourceRef } from '../api/types.ts';
import { typeLabel } from '../graph/format.ts';
import { claimCard, sourceLine, type CardContext } from '../investigations/claim-card.ts';
import { edgeMarkerPoint, markers, noteExcerpt, targetKey } from '../investigations/notes/index.ts';
import { markerPopover, MarkerLayer, noteBody, noteCard } from '../investigations/notes/view.ts';
import type { PublishedData, PublishedStep } from '../investigations/publish/types.ts';
import { fromGraphCamera, storyFrame } from '../investigations/story/camera.ts';
import { boundsOf } from '../graph/bounds.ts';
import type { Note, NoteTarget } from '../investigations/types.ts';
import { kindColor, statusStyle } from '../theme/index.ts';
import { fill, h } from '../ui/dom.ts';
import { buildGraph, createRenderer, type Focus } from './graph.ts';

type Tab = 'story' | 'citations' | 'notes';

function readData(): PublishedData {
  const el = document.getElementById('claimgraph-data');
  const data = JSON.parse(el?.textContent ?? 'null') as PublishedData | null;
  if (!data || data.format !== 'claimgraph-published') throw new Error('this page holds no claimgraph investigation');
  return data;
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
}

class Viewer {
  private readonly data: PublishedData;
  private readonly claims: Map<string, GraphEdge>;
  private readonly names: Map<string, { name: string; kind: string }>;
  private readonly sources: Map<string, SourceRef>;
  private readonly sigma;
  private readonly graph;
  /** -1: the overview; 0..n-1: a step. */
  private index = -1;
  private tab: Tab = 'story';
  private picked: { type: 'node' | 'edge'; id: string } | null = null;
  private hovered: string | null = null;
  private readonly side: HTMLElement;
  private readonly tabs: Record<Tab, HTMLButtonElement>;
  private readonly layer: MarkerLayer;
  private popover: HTMLElement | null = null;
  private readonly stage: HTMLElement;

  constructor(root: HTMLElement, data: PublishedData) {
    this.data = data;
    this.names = new Map(data.nodes.map((n) => [n.id, { name: n.name, kind: n.kind }] as const));
    this.sources = new Map(data.sources.map((s) => [s.id, s] as const));
    const canvas = h('div', { class: 'v-canvas', id: 'v-canvas', 'aria-label': 'Network' });
    this.stage = h('div', { class: 'v-stage' }, canvas);
    const tab = (t: Tab, label: string) => h('button', { type: 'button', role: 'tab', class: 'v-tab', id: `v-tab-${t}`, onclick: () => this.showTab(t) }, label);
    this.tabs = { story: tab('story', 'Story'), citations: tab('citations', `Citations (${data.claims.length})`), notes: tab('notes', `Notes (${data.notes.length})`) };
    if (!data.notes.length) this.tabs.notes.hidden = true;
    this.side = h('div', { class: 'v-side-body', role: 'tabpanel' });
    const datasets = data.datasets.map((d) => d.title ?? d.name).join(', ');
    fill(
      root,
      h(
        'header',
        { class: 'v-header' },
        h('div', { class: 'v-heading' }, h('h1', { class: 'v-title' }, data.title), h('p', { class: 'v-meta' }, `Published ${formatDate(data.publishedAt)} · Data: ${datasets || 'none'} · claimgraph`)),
        this.legend(),
      ),
      h('main', { class: 'v-main' }, this.stage, h('aside', { class: 'v-side', 'aria-label': 'Story and evidence' }, h('div', { class: 'v-tabs', role: 'tablist' }, this.tabs.story, this.tabs.citations, this.tabs.notes), this.side)),
    );
    const built = buildGraph(data);
    this.graph = built.graph;
    this.claims = built.claims;
    this.sigma = createRenderer(canvas, this.graph, this.claims, () => this.focus(), () => this.hovered);
    this.layer = new MarkerLayer({ open: (m, anchor) => this.openNotes(m.notes, m.target, anchor) });
    this.stage.append(this.layer.el);
    this.sigma.on('afterRender', () => this.placeMarkers());
    this.bind();
    this.showTab(data.story.length ? 'story' : 'citations');
    this.render();
    // Sigma drew its first frame before the markers' layer listened.
    this.placeMarkers();
  }

  private legend(): HTMLElement {
    const kinds = this.data.kinds.map((k) => h('span', { class: 'v-legend-item' }, h('span', { class: 'kind-dot', style: `background:${kindColor(k.kind)}` }), k.label));
    const used = new Set(this.data.claims.map((c) => c.status));
    const statuses = this.data.statuses
      .filter((s) => used.has(s.status))
      .map((s) => {
        const st = statusStyle(s.status);
        return h('span', { class: 'v-legend-item', title: s.meaning }, h('span', { class: 'v-line', style: `border-top: ${Math.max(1.5, st.size)}px ${st.dash.length ? (st.dash[0]! <= 2 ? 'dotted' : 'dashed') : 'solid'} ${st.color}` }), s.status);
      });
    return h('div', { class: 'v-legend', 'aria-label': 'Legend' }, kinds, statuses);
  }

  private bind(): void {
    const s = this.sigma;
    s.on('clickNode', ({ node }) => this.pick({ type: 'node', id: node }));
    s.on('clickEdge', ({ edge }) => this.pick({ type: 'edge', id: edge }));
    s.on('clickStage', () => this.picked && this.pick(null));
    s.on('enterNode', ({ node }) => {
      this.hovered = node;
      s.getContainer().style.cursor = 'pointer';
      s.refresh({ skipIndexation: true });
    });
    s.on('leaveNode', () => {
      this.hovered = null;
      s.getContainer().style.cursor = '';
      s.refresh({ skipIndexation: true });
    });
    s.on('enterEdge', () => (s.getContainer().style.cursor = 'pointer'));
    s.on('leaveEdge', () => (s.getContainer().style.cursor = ''));
    document.addEventListener('keydown', (e) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA')) return;
      if (e.key === 'ArrowRight' || e.key === 'PageDown') this.go(this.index + 1);
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') this.go(this.index - 1);
      else if (e.key === 'Home') this.go(-1);
      else if (e.key === 'End') this.go(this.data.story.length - 1);
      else if (e.key === 'Escape') {
        if (this.popover) this.closeNotes();
        else if (this.picked) this.pick(null);
        else return;
      } else return;
      e.preventDefault();
    });
  }

  private step(): PublishedStep | null {
    return this.data.story[this.index] ?? null;
  }

  /** What the canvas emphasizes: a picked item and its ends or neighbours, else the step's items. */
  private focus(): Focus | null {
    const p = this.picked;
    if (p?.type === 'node' && this.graph.hasNode(p.id)) return { nodes: new Set([p.id, ...this.graph.neighbors(p.id)]), edges: new Set(this.graph.edges(p.id)) };
    if (p?.type === 'edge' && this.graph.hasEdge(p.id)) return { nodes: new Set([this.graph.source(p.id), this.graph.target(p.id)]), edges: new Set([p.id]) };
    const st = this.step();
    return st && (st.nodes.length || st.edges.length) ? { nodes: new Set(st.nodes), edges: new Set(st.edges) } : null;
  }

  go(index: number): void {
    const n = this.data.story.length;
    const next = Math.max(-1, Math.min(n - 1, index));
    if (next === this.index && !this.picked) return;
    this.index = next;
    this.picked = null;
    this.closeNotes();
    if (this.tab !== 'story') this.showTab('story');
    this.sigma.refresh({ skipIndexation: true });
    this.moveCamera();
    this.render();
  }

  /** The step's camera on a wide screen; on a narrow one (or with none) its items framed, so they show whatever the screen. */
  private moveCamera(): void {
    const cam = this.sigma.getCamera();
    const st = this.step();
    if (!st) return void cam.animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, { duration: 500 });
    const wide = this.sigma.getContainer().clientWidth >= 700;
    if (st.camera && (wide || !st.nodes.length)) return void cam.animate(fromGraphCamera(st.camera, this.sigma.getBBox()), { duration: 600 });
    const pts = st.nodes.map((id) => this.sigma.getNodeDisplayData(id)).filter((d): d is NonNullable<typeof d> => !!d);
    const box = boundsOf(pts);
    // The animation resolves when it ends; nothing waits for it.
    if (box) void cam.animate(storyFrame(box), { duration: 600 });
  }

  private pick(p: { type: 'node' | 'edge'; id: string } | null): void {
    this.picked = p;
    this.closeNotes();
    if (p && this.tab !== 'story') this.showTab('story');
    this.sigma.refresh({ skipIndexation: true });
    this.render();
  }

  private showTab(t: Tab): void {
    this.tab = t;
    for (const k of Object.keys(this.tabs) as Tab[]) {
      this.tabs[k].setAttribute('aria-selected', String(k === t));
      this.tabs[k].classList.toggle('is-current', k === t);
    }
    this.render();
  }

  private ctx(): CardContext {
    const meanings = new Map(this.data.statuses.map((s) => [s.status, s.meaning] as const));
    return {
      entity: (id) => this.names.get(id) ?? { name: id, kind: '' },
      source: (id) => this.sources.get(id),
      statusMeaning: (s) => meanings.get(s),
    };
  }

  private rank(c: GraphEdge): number {
    const i = this.data.statuses.findIndex((s) => s.status === c.status);
    return i < 0 ? 99 : i;
  }

  private claimsOf(edges: readonly string[]): GraphEdge[] {
    return edges
      .filter((e) => this.graph.hasEdge(e))
      .flatMap((e) => this.graph.getEdgeAttribute(e, 'claims'))
      .map((id) => this.claims.get(id))
      .filter((c): c is GraphEdge => !!c)
      .sort((a, b) => this.rank(a) - this.rank(b));
  }

  private notesAbout(t: NoteTarget): Note[] {
    return this.data.notes.filter((n) => targetKey(n.target) === targetKey(t));
  }

  private render(): void {
    this.side.scrollTop = 0;
    if (this.tab === 'citations') return fill(this.side, this.citations());
    if (this.tab === 'notes') return fill(this.side, this.notesList());
    fill(this.side, this.picked ? this.evidence() : this.storyCard());
  }

  private nav(): HTMLElement {
    const n = this.data.story.length;
    return h(
      'nav',
      { class: 'v-nav', 'aria-label': 'Story steps' },
      h('button', { type: 'button', class: 'v-btn', id: 'v-prev', onclick: () => this.go(this.index - 1), disabled: this.index < 0, 'aria-label': 'Previous step' }, '←'),
      h(
        'div',
        { class: 'v-dots' },
        Array.from({ length: n + 1 }, (_, i) =>
          h('button', { type: 'button', class: `v-dot${i - 1 === this.index ? ' is-current' : ''}`, 'aria-label': i ? `Step ${i}` : 'Overview', onclick: () => this.go(i - 1) }),
        ),
      ),
      h('button', { type: 'button', class: 'v-btn v-btn-primary', id: 'v-next', onclick: () => this.go(this.index + 1), disabled: this.index >= n - 1, 'aria-label': 'Next step' }, '→'),
    );
  }

  private storyCard(): HTMLElement {
    const st = this.step();
    const n = this.data.story.length;
    if (!st) {
      const sourcesCount = new Set(this.data.claims.map((c) => c.sourceId).filter(Boolean)).size;

      return h(
        'div',
        { class: 'v-card', 'data-step': 'overview' },
        h('p', { class: 'v-kicker' }, n ? `A story in ${n} step${n === 1 ? '' : 's'}` : 'Overview'),
        h('h2', { class: 'v-step-title' }, this.data.title),
        h(
          'p',
          { class: 'v-lede' },
          `${this.data.nodes.length} entities and ${this.data.edges.length} connections, resting on ${this.data.claims.length} claims from ${sourcesCount} source${sourcesCount === 1 ? '' : 's'}. Every line is a claim: tap one to read its quote and source.`,
        ),
        n ? h('button', { type: 'button', class: 'v-btn v-btn-primary v-start', id: 'v-start', onclick: () => this.go(0) }, `Start the story →`) : null,
        n
          ? h(
              'ol',
              { class: 'v-toc', 'aria-label': 'Steps' },
              this.data.story.map((st, i) => h('li', null, h('button', { type: 'button', class: 'v-toc-item', onclick: () => this.go(i) }, h('span', { class: 'v-toc-num' }, String(i + 1)), st.title || `Step ${i + 1}`))),
            )
          : null,
      );
    }
    const claims = this.claimsOf(st.edges);
    return h(
      'div',
      { class: 'v-card', 'data-step': String(this.index) },
      h('p', { class: 'v-kicker', id: 'v-count' }, `Step ${this.index + 1} of ${n}`),
      h('h2', { class: 'v-step-title' }, st.title || `Step ${this.index + 1}`),
      st.text ? noteBody(st.text) : null,
      this.nav(),
      claims.length
        ? h(
            'section',
            { class: 'v-claims', 'aria-label': 'Claims behind this step' },
            h('h3', null, `The claims behind it (${claims.length})`),
            h('ol', { class: 'claim-list' }, claims.map((c) => claimCard(c, this.ctx()))),
          )
        : null,
    );
  }

  /** A tapped entity's or edge's claims (and notes). */
  private evidence(): HTMLElement {
    const p = this.picked!;
    const back = h('button', { type: 'button', class: 'v-back', onclick: () => this.pick(null) }, this.index >= 0 ? `← Back to step ${this.index + 1}` : '← Back to the story');
    const target: NoteTarget = p.type === 'node' ? { type: 'entity', id: p.id } : { type: 'edge', id: p.id };
    const notes = this.notesAbout(target);
    const title =
      p.type === 'node'
        ? (this.names.get(p.id)?.name ?? p.id)
        : `${this.names.get(this.graph.source(p.id))?.name ?? ''} → ${typeLabel(this.graph.getEdgeAttribute(p.id, 'type'))} → ${this.names.get(this.graph.target(p.id))?.name ?? ''}`;
    const claims = this.claimsOf(p.type === 'node' ? this.graph.edges(p.id) : [p.id]);
    return h(
      'div',
      { class: 'v-card', 'data-picked': p.id },
      back,
      h('h2', { class: 'v-step-title' }, title),
      notes.length ? h('section', { class: 'v-notes' }, h('h3', null, 'Notes'), h('ul', { class: 'note-list' }, notes.map((n) => this.readonlyNote(n)))) : null,
      h('section', { class: 'v-claims' }, h('h3', null, `Claims (${claims.length})`), h('ol', { class: 'claim-list' }, claims.map((c) => claimCard(c, this.ctx())))),
    );
  }

  private readonlyNote(n: Note): HTMLElement {
    const card = noteCard(n, { edit: () => undefined, remove: () => undefined });
    card.querySelectorAll('.note-action').forEach((b) => b.remove());
    return card;
  }

  /** Every claim shown, grouped by the source it cites, sources numbered. */
  private citations(): HTMLElement {
    const bySource = new Map<string, GraphEdge[]>();
    for (const c of [...this.data.claims].sort((a, b) => this.rank(a) - this.rank(b))) {
      const k = c.sourceId ?? '';
      bySource.set(k, [...(bySource.get(k) ?? []), c]);
    }
    const order = [...bySource.keys()].sort((a, b) => (this.sources.get(a)?.title ?? a).localeCompare(this.sources.get(b)?.title ?? b));
    return h(
      'div',
      { class: 'v-citations' },
      h('p', { class: 'v-lede' }, `Every claim shown (${this.data.claims.length}), by the source that makes it.`),
      h(
        'ol',
        { class: 'v-sources' },
        order.map((k, i) =>
          h(
            'li',
            { class: 'v-source', 'data-source': k },
            h('div', { class: 'v-source-head' }, h('span', { class: 'v-source-num' }, String(i + 1)), sourceLine(k ? this.sources.get(k) : undefined, k || null)),
            h('ol', { class: 'claim-list' }, bySource.get(k)!.map((c) => claimCard(c, this.ctx(), false))),
          ),
        ),
      ),
    );
  }

  private notesList(): HTMLElement {
    return h(
      'div',
      { class: 'v-notes-all' },
      this.data.notes.map((n) =>
        h(
          'section',
          { class: 'note-group' },
          h('h4', { class: 'note-group-title' }, this.describe(n.target)),
          h('ul', { class: 'note-list' }, this.readonlyNote(n)),
        ),
      ),
    );
  }

  private describe(t: NoteTarget): string {
    if (t.type === 'canvas') return 'On the network';
    if (t.type === 'entity') return this.names.get(t.id)?.name ?? t.id;
    const g = this.graph;
    return g.hasEdge(t.id) ? `${this.names.get(g.source(t.id))?.name} → ${typeLabel(g.getEdgeAttribute(t.id, 'type'))} → ${this.names.get(g.target(t.id))?.name}` : t.id;
  }

  private placeMarkers(): void {
    if (!this.data.notes.length) return;
    const s = this.sigma;
    const f = this.focus();
    this.layer.render(
      markers(this.data.notes, (t) => {
        if (t.type === 'canvas') return s.graphToViewport({ x: t.x, y: t.y });
        if (t.type === 'entity') {
          const d = s.getNodeDisplayData(t.id);
          if (!d) return null;
          const p = s.framedGraphToViewport(d);
          const r = s.scaleSize(d.size);
          return { x: p.x + r * 0.72 + 2, y: p.y - r * 0.72 - 2, dim: !!f && !f.nodes.has(t.id) };
        }
        if (!this.graph.hasEdge(t.id)) return null;
        const a = s.getNodeDisplayData(this.graph.source(t.id));
        const b = s.getNodeDisplayData(this.graph.target(t.id));
        if (!a || !b) return null;
        return { ...edgeMarkerPoint(s.framedGraphToViewport(a), s.framedGraphToViewport(b), this.graph.getEdgeAttribute(t.id, 'curvature') ?? 0), dim: !!f && !f.edges.has(t.id) };
      }),
      (t) => this.describe(t),
    );
  }

  private openNotes(notes: Note[], target: NoteTarget, anchor: HTMLElement): void {
    this.closeNotes();
    const body = h('ul', { class: 'note-list' }, notes.map((n) => this.readonlyNote(n)));
    const more = target.type === 'canvas' ? null : h('div', { class: 'note-popover-foot' }, h('button', { type: 'button', class: 'btn-link', onclick: () => this.pick({ type: target.type === 'entity' ? 'node' : 'edge', id: target.id }) }, 'Its claims →'));
    this.popover = markerPopover(this.describe(target), body, anchor, () => this.closeNotes(), more);
    this.popover.title = noteExcerpt(notes[0]?.text ?? '');
    this.stage.append(this.popover);
  }

  private closeNotes(): void {
    this.popover?.remove();
    this.popover = null;
  }
}

function start(): void {
  const root = document.getElementById('viewer');
  if (!root) return;
  try {
    const viewer = new Viewer(root, readData());
    (window as unknown as { __claimgraphViewer?: { go(i: number): void } }).__claimgraphViewer = { go: (i) => viewer.go(i) };
    document.body.dataset.ready = 'true';
  } catch (e) {
    fill(root, h('p', { class: 'v-error' }, `This page could not be shown: ${(e as Error).message}`));
  }
}

start();
