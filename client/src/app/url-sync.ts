/**
 * The view in the address bar, so that a copied link reopens it: a state
 * subscriber that writes the URL (history.replaceState, no new history
 * entry) once changes settle, 250 ms after the last one it cares about.
 * The camera moves on every frame of a pan: its moves start the delay only
 * once the camera has stopped, i.e. once an animation frame has passed
 * without a move (with software WebGL a frame of a big view lasts longer
 * than the delay, so a timer alone encoded the whole view every frame).
 * `pending` says a write is due: the test hook's idle() waits for it rather
 * than for the delay.
 *
 * The query string holds what a person can read (focus, filters, camera,
 * path, hides, pins, the opening size); once the canvas differs from the
 * opening view (an expansion, a "Show", a console merge, a drag, a layout),
 * the fragment (`#v=...`, see app/view-link.ts) holds the exact canvas:
 * which entities and claims, and where each stands. A link then reopens
 * that picture as it was, rather than re-running expansions under the caps
 * of the day. Links longer than LINK_MAX_CHARS are not copied: Share says
 * to save the view instead.
 */
import type { Toasts } from '../ui/toast.ts';
import type { Aspect, Change, ExplorerState } from '../state/index.ts';
import { encodeUrlState, type UrlState } from '../url/index.ts';
import { LINK_VIEW_MAX_ENTITIES, viewFragment, type Baseline } from './view-link.ts';

/** What the URL holds; other changes do not rewrite it. */
export const URL_ASPECTS: readonly Aspect[] = ['graph', 'positions', 'filters', 'metric', 'selection', 'path', 'query', 'added', 'removed', 'camera', 'opening'];
/** The same but the camera, whose moves wait for it to stop. */
const NOT_CAMERA: readonly Aspect[] = URL_ASPECTS.filter((a) => a !== 'camera');

/**
 * The longest link Share copies (characters). The fragment never reaches a
 * server, so only what carries the link limits it: 8 000 characters pass
 * through chat and e-mail, which cut or wrap much longer ones.
 */
export const LINK_MAX_CHARS = 8000;

/** The state as a link states it (see url/types.ts). */
export function urlStateOf(state: ExplorerState): UrlState {
  const v = state.view;
  const g = state.graph;
  const focus = v.selection.focus;
  return {
    focus: focus?.type === 'node' ? focus.id : null,
    expanded: [...g.expanded],
    added: v.added.filter((id) => g.hasNode(id)),
    hidden: g.hiddenByUser(),
    removed: [...v.removed],
    pinned: g.pinned(),
    filters: v.filters,
    query: v.query,
    path: v.path ? { ...v.path } : null,
    metric: v.metric,
    camera: v.camera ? { x: v.camera.x, y: v.camera.y, ratio: v.camera.ratio } : null,
    ...v.opening,
  };
}

export class UrlSync {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private enabled = false;
  /** The animation frame that checks whether the camera has stopped. */
  private frame: number | undefined;
  /** The camera moved since the last animation frame. */
  private cameraMoved = false;
  private baseline: Baseline | null = null;
  /** The canvas differs from the opening view (its entities, claims or places): the fragment holds it. */
  private edited = false;
  /** The last write left the exact view out (too many entities): Share says so. */
  private exactLeftOut = false;
  /** A query string to write instead of the state's (investigations: `view=<id>` while a saved view is open). */
  override: (() => string | null) | null = null;

  constructor(
    private readonly state: ExplorerState,
    private readonly delayMs = 250,
  ) {}

  /** The state's subscriber. */
  onChange(c: Change): void {
    if (!this.enabled) return;
    if (c.has('graph', 'positions')) this.edited = true;
    if (c.has(...NOT_CAMERA)) this.schedule();
    else if (c.has('camera')) this.cameraMove();
  }

  /** The opening view just drawn (opening, Reset): the canvas is stated against it, and equals it until it changes. */
  setBaseline(b: Baseline): void {
    this.baseline = b;
    this.edited = false;
  }

  /** Starts writing (once the link's view is restored: until then the URL is the one being opened). `edited`: the canvas already differs from the opening view. */
  start(opts: { edited?: boolean } = {}): void {
    this.enabled = true;
    this.edited = this.edited || !!opts.edited;
    this.schedule();
  }

  /** A write is due. */
  get pending(): boolean {
    return this.timer !== undefined || this.frame !== undefined;
  }

  /** The URL for the state: query string, and the exact canvas in the fragment once it differs from the opening view. */
  private url(): string {
    const u = urlStateOf(this.state);
    const fragment = this.edited && this.baseline ? viewFragment(this.state, this.baseline) : null;
    this.exactLeftOut = this.edited && fragment === null;
    // The fragment states expansions, additions and removals exactly: the query string's would be re-run.
    const qs = encodeUrlState(fragment ? { ...u, expanded: [], added: [], removed: [] } : u);
    return `${window.location.pathname}${qs ? `?${qs}` : ''}${fragment ? `#v=${fragment}` : ''}`;
  }

  /** Writes the URL now. */
  write(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    if (!this.enabled) return;
    // A saved view open (investigations) writes its own link; else the state's, with the exact canvas in the fragment.
    const qs = this.override?.() ?? null;
    const next = qs !== null ? `${window.location.pathname}${qs ? `?${qs}` : ''}` : this.url();
    if (next !== `${window.location.pathname}${window.location.search}${window.location.hash}`) history.replaceState(null, '', next);
  }

  /** Copies the link to this view (or shows it when the clipboard is not available); a view too big for a link is not copied. */
  async share(toasts: Toasts): Promise<void> {
    this.write();
    const link = window.location.href;
    const entities = this.state.graph.graph.order;
    if (this.exactLeftOut || link.length > LINK_MAX_CHARS) {
      const why = this.exactLeftOut ? `${entities.toLocaleString('en')} entities (a link holds at most ${LINK_VIEW_MAX_ENTITIES.toLocaleString('en')})` : `a ${Math.ceil(link.length / 1000)} kB link`;
      toasts.show(`Too big for a link: this view would need ${why}. Save the view instead to share it.`, 'error', 12000);
      return;
    }
    try {
      await navigator.clipboard.writeText(link);
      toasts.show('Link to this view copied to the clipboard', 'success');
    } catch {
      toasts.show(`Copy this link: ${link}`, 'info', 15000);
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.write(), this.delayMs);
  }

  /** A camera move: no write while the camera keeps moving; the delay starts at the first frame without a move. */
  private cameraMove(): void {
    this.cameraMoved = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.frame === undefined) this.frame = requestAnimationFrame(() => this.checkCamera());
  }

  private checkCamera(): void {
    this.frame = undefined;
    if (this.cameraMoved) {
      this.cameraMoved = false;
      this.frame = requestAnimationFrame(() => this.checkCamera());
    } else this.schedule();
  }
}
