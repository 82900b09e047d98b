/**
 * The view in the address bar, so that a copied link reopens it: a state
 * subscriber that writes the URL (history.replaceState, no new history
 * entry) once changes settle, 250 ms after the last one it cares about
 * (the camera moves on every frame of a pan). `pending` says a write is due:
 * the test hook's idle() waits for it rather than for the delay.
 */
import type { Toasts } from '../ui/toast.ts';
import type { Aspect, Change, ExplorerState } from '../state/index.ts';
import { encodeUrlState, type UrlState } from '../url/index.ts';

/** What the URL holds; other changes do not rewrite it. */
export const URL_ASPECTS: readonly Aspect[] = ['graph', 'filters', 'metric', 'selection', 'path', 'query', 'added', 'removed', 'camera', 'opening'];

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
    path: v.path ? { from: v.path.from, to: v.path.to, status: v.path.status } : null,
    metric: v.metric,
    camera: v.camera ? { x: v.camera.x, y: v.camera.y, ratio: v.camera.ratio } : null,
    ...v.opening,
  };
}

export class UrlSync {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private enabled = false;
  /** A query string to write instead of the state's (investigations: `view=<id>` while a saved view is open). */
  override: (() => string | null) | null = null;

  constructor(
    private readonly state: ExplorerState,
    private readonly delayMs = 250,
  ) {}

  /** The state's subscriber. */
  onChange(c: Change): void {
    if (this.enabled && c.has(...URL_ASPECTS)) this.schedule();
  }

  /** Starts writing (once the link's view is restored: until then the URL is the one being opened). */
  start(): void {
    this.enabled = true;
    this.schedule();
  }

  /** A write is due. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  /** Writes the URL now. */
  write(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.enabled) return;
    const qs = this.override?.() ?? encodeUrlState(urlStateOf(this.state));
    const next = `${window.location.pathname}${qs ? `?${qs}` : ''}`;
    if (next !== `${window.location.pathname}${window.location.search}`) history.replaceState(null, '', next);
  }

  /** Copies the link to this view (or shows it when the clipboard is not available). */
  async share(toasts: Toasts): Promise<void> {
    this.write();
    const link = window.location.href;
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
}
