/**
 * The story: steps captured from the view (what is selected, or the path on
 * show, is what a step highlights; the camera is kept in graph coordinates),
 * edited, reordered and deleted in the drawer, and played in presentation
 * mode: the step's items highlighted and the rest faded, the camera moved,
 * the card listing every claim behind its edges with status, source and
 * quote. Arrow keys step through; Esc leaves.
 */
import type { GraphEdge, SourceRef } from '../../api/types.ts';
import { typeLabel } from '../../graph/format.ts';
import type { Change } from '../../state/index.ts';
import { fill, h } from '../../ui/dom.ts';
import type { Services } from '../../ui/services.ts';
import type { CardContext } from '../claim-card.ts';
import { captureStep, fromGraphCamera, storyFrame, moveStep, moveStepTo, pickedItems, removeStep, stepClaims, stepHighlight, toGraphCamera, updateStep, withItems, withoutItem } from './index.ts';
import type { GraphCamera, StoryStep } from './types.ts';
import { presentationCard, stepList } from './view.ts';

export interface StoryHooks {
  /** The sources of these claims (from the server), cached by the caller. */
  sources(claims: readonly GraphEdge[]): Promise<ReadonlyMap<string, SourceRef>>;
  /** Presentation starts or ends (the app hides its chrome). */
  presenting(on: boolean): void;
}

export class StoryFeature {
  /** The drawer's story list (rendered by render()). */
  readonly listEl: HTMLElement;
  /** The presentation card, in the panel's column while presenting. */
  readonly card: HTMLElement;
  private editing: string | null = null;
  private current: string | null = null;
  private presentIndex = -1;
  private sources: ReadonlyMap<string, SourceRef> = new Map();
  private sourcesLoading = false;
  private readonly onKey = (e: KeyboardEvent) => this.key(e);

  constructor(
    private readonly s: Services,
    private readonly hooks: StoryHooks,
  ) {
    this.listEl = h('div', { class: 'story-list' });
    this.card = h('aside', { class: 'present-card', id: 'presentation', 'aria-label': 'Story presentation', hidden: true });
  }

  get steps(): readonly StoryStep[] {
    return this.s.state.view.story;
  }

  get presenting(): boolean {
    return this.presentIndex >= 0;
  }

  /** The state's subscriber. */
  onChange(c: Change): void {
    if (c.has('story', 'graph', 'selection', 'highlight')) this.render();
    if (c.has('story') && this.presenting) {
      if (!this.steps.length) this.leave();
      else this.go(Math.min(this.presentIndex, this.steps.length - 1));
    }
    // Another highlight (a path, new items) ends the step on show.
    if (c.has('highlight') && this.current && this.s.state.view.highlight?.kind !== 'story') this.current = null;
  }

  // ---- the camera in graph coordinates ------------------------------------------------

  private graphCamera(): GraphCamera {
    const { sigma } = this.s.canvas;
    return toGraphCamera(this.s.canvas.camera(), sigma.getBBox());
  }

  private moveCamera(step: StoryStep, duration = 600): Promise<void> {
    const { canvas } = this.s;
    if (step.camera) return canvas.animateCamera(fromGraphCamera(step.camera, canvas.sigma.getBBox()), duration);
    const hl = stepHighlight(step, this.s.state.graph.graph);
    const box = hl.nodes.size ? canvas.displayBounds(hl.nodes) : null;
    if (!box) return Promise.resolve();
    return canvas.animateCamera({ ...storyFrame(box), angle: 0 }, duration);
  }

  // ---- editing ------------------------------------------------------------------------

  /** A new step from the view, at the end (or after the step on show). */
  capture(): StoryStep {
    const { state } = this.s;
    const step = captureStep(state.view, state.graph.graph, this.graphCamera(), this.steps.length);
    const at = this.current ? this.steps.findIndex((x) => x.id === this.current) + 1 : this.steps.length;
    const story = [...this.steps];
    story.splice(at > 0 ? at : story.length, 0, step);
    this.editing = step.id;
    this.current = step.id;
    state.set({ story, highlight: stepHighlight(step, state.graph.graph) });
    return step;
  }

  private set(story: StoryStep[]): void {
    this.s.state.set({ story });
  }

  show(id: string): void {
    const step = this.steps.find((x) => x.id === id);
    if (!step) return;
    this.current = id;
    this.s.state.set({ highlight: stepHighlight(step, this.s.state.graph.graph) });
    void this.moveCamera(step);
    this.render();
  }

  private actions() {
    return {
      show: (id: string) => this.show(id),
      edit: (id: string) => {
        this.editing = id;
        this.show(id);
      },
      cancel: () => {
        this.editing = null;
        this.render();
      },
      move: (id: string, d: -1 | 1) => this.set(moveStep(this.steps, id, d)),
      moveTo: (id: string, i: number) => this.set(moveStepTo(this.steps, id, i)),
      save: (id: string, patch: { title: string; text: string }) => {
        this.editing = null;
        this.set(updateStep(this.steps, id, patch));
      },
      remove: (id: string) => {
        if (this.current === id) {
          this.current = null;
          if (this.s.state.view.highlight?.kind === 'story') this.s.state.set({ highlight: null });
        }
        if (this.editing === id) this.editing = null;
        this.set(removeStep(this.steps, id));
      },
      addSelection: (id: string) => this.patchStep(id, (st) => withItems(st, pickedItems(this.s.state.view, this.s.state.graph.graph))),
      removeItem: (id: string, item: { type: 'node' | 'edge'; id: string }) => this.patchStep(id, (st) => withoutItem(st, item, this.s.state.graph.graph)),
      useCamera: (id: string) => {
        this.patchStep(id, (st) => ({ ...st, camera: this.graphCamera() }));
        this.s.toasts.show('The step now frames the canvas as it is', 'success', 2500);
      },
      frameItems: (id: string) => {
        this.patchStep(id, (st) => ({ ...st, camera: null }));
        const st = this.steps.find((x) => x.id === id);
        if (st) void this.moveCamera(st);
      },
      items: (st: StoryStep) => this.items(st),
      claimCount: (st: StoryStep) => stepClaims(st, this.s.state.graph).reduce((n, e) => n + e.claims.length, 0),
    };
  }

  /** Changes a step (kept open in its editor) and shows its new highlight. */
  private patchStep(id: string, fn: (s: StoryStep) => StoryStep): void {
    const step = this.steps.find((x) => x.id === id);
    if (!step) return;
    const next = fn(step);
    const story = this.steps.map((x) => (x.id === id ? next : x));
    this.current = id;
    this.s.state.set({ story, highlight: stepHighlight(next, this.s.state.graph.graph) });
  }

  /** A step's highlighted entities and edges, named. */
  private items(st: StoryStep): { type: 'node' | 'edge'; id: string; label: string }[] {
    const g = this.s.state.graph.graph;
    const name = (id: string) => (g.hasNode(id) ? g.getNodeAttribute(id, 'label') : id);
    return [
      ...st.nodes.map((id) => ({ type: 'node' as const, id, label: name(id) })),
      ...st.edges.map((id) => ({
        type: 'edge' as const,
        id,
        label: g.hasEdge(id) ? `${name(g.source(id))} → ${typeLabel(g.getEdgeAttribute(id, 'type'))} → ${name(g.target(id))}` : id,
      })),
    ];
  }

  render(): void {
    const steps = this.steps;
    if (!steps.length) {
      fill(
        this.listEl,
        h(
          'div',
          { class: 'story-empty' },
          h('p', null, h('strong', null, 'Tell what the network shows, step by step.')),
          h('p', { class: 'muted' }, 'Select an entity or an edge (or find a path), frame it, then capture a step: what is selected is what the step highlights, and the rest fades. Add a text; present it with the arrow keys; publish it as one file.'),
        ),
      );
      return;
    }
    fill(this.listEl, stepList(steps, this.editing, this.current, this.actions()));
  }

  // ---- presentation ---------------------------------------------------------------------

  /** Starts presenting at a step (the first by default). */
  async present(index = 0): Promise<void> {
    if (!this.steps.length) return;
    if (!this.presenting) {
      // The story speaks for itself: no selection drawn over it.
      this.s.state.select(null);
      this.hooks.presenting(true);
      document.addEventListener('keydown', this.onKey, true);
      this.card.hidden = false;
    }
    this.go(index);
    const claims = this.steps.flatMap((st) => stepClaims(st, this.s.state.graph).flatMap((e) => e.claims));
    this.sourcesLoading = true;
    try {
      this.sources = await this.hooks.sources(claims);
    } catch {
      this.sources = new Map();
    } finally {
      this.sourcesLoading = false;
    }
    if (this.presenting) this.renderCard();
  }

  go(index: number): void {
    const steps = this.steps;
    if (!steps.length) return;
    this.presentIndex = Math.max(0, Math.min(steps.length - 1, index));
    const step = steps[this.presentIndex]!;
    this.current = step.id;
    this.s.state.set({ highlight: stepHighlight(step, this.s.state.graph.graph) });
    void this.moveCamera(step, 700);
    this.renderCard();
  }

  leave(): void {
    if (!this.presenting) return;
    this.presentIndex = -1;
    document.removeEventListener('keydown', this.onKey, true);
    this.card.hidden = true;
    fill(this.card);
    this.hooks.presenting(false);
    this.render();
  }

  private key(e: KeyboardEvent): void {
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
    const k = e.key;
    const handled = ['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'ArrowLeft', 'ArrowUp', 'PageUp', 'Home', 'End', 'Escape'];
    if (!handled.includes(k)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (k === 'Escape') this.leave();
    else if (k === 'ArrowLeft' || k === 'ArrowUp' || k === 'PageUp') this.go(this.presentIndex - 1);
    else if (k === 'Home') this.go(0);
    else if (k === 'End') this.go(this.steps.length - 1);
    else this.go(this.presentIndex + 1);
  }

  private cardContext(): CardContext {
    const g = this.s.state.graph.graph;
    const meanings = new Map(this.s.state.view.schema?.statuses.map((x) => [x.status, x.meaning]) ?? []);
    return {
      entity: (id) => (g.hasNode(id) ? { name: g.getNodeAttribute(id, 'label'), kind: g.getNodeAttribute(id, 'kind') } : { name: id, kind: '' }),
      source: (id) => this.sources.get(id),
      statusMeaning: (st) => meanings.get(st),
    };
  }

  private renderCard(): void {
    const step = this.steps[this.presentIndex];
    if (!step) return;
    const order = this.s.state.view.statusOrder;
    const rank = (st: string | null) => (st && order.includes(st) ? order.indexOf(st) : order.length);
    const claims = stepClaims(step, this.s.state.graph)
      .flatMap((e) => e.claims)
      .sort((a, b) => rank(a.status) - rank(b.status));
    fill(
      this.card,
      presentationCard(step, this.presentIndex, this.steps.length, claims, this.cardContext(), {
        prev: () => this.go(this.presentIndex - 1),
        next: () => this.go(this.presentIndex + 1),
        go: (i) => this.go(i),
        leave: () => this.leave(),
      }, this.sourcesLoading),
    );
  }
}
