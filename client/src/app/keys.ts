/**
 * Keyboard shortcuts, from one table: the handler finds a key's action in
 * SHORTCUTS and the `?` overlay lists the same table, so what it says is
 * what the keys do. Canvas keys (pan, zoom, fit) act while the canvas (or
 * nothing) has the focus; the others anywhere but in a text field.
 */

/** What the keys call. */
export interface KeyActions {
  focusSearch(): void;
  undo(): void;
  redo(): void;
  /** Closes the path finder, else clears the selection, else the highlight. */
  escape(): void;
  help(): void;
  pan(dx: number, dy: number): void;
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
  lassoTool(): void;
  selectAll(): void;
  expand(): void;
  hide(): void;
  pin(): void;
  remove(): void;
}

export type ShortcutGroup = 'General' | 'Canvas' | 'Selection';

export interface Shortcut {
  group: ShortcutGroup;
  /** The keys as shown to the user, each a way to do it. */
  keys: string[];
  what: string;
  /** The key event that does it (none: a mouse gesture, listed for reference). */
  match?: (e: KeyboardEvent) => boolean;
  run?: (a: KeyActions, e: KeyboardEvent) => void;
  /** Acts only while the canvas (or nothing) has the focus. */
  canvas?: boolean;
}

/** Pixels an arrow key pans (Shift: four times as far). */
export const PAN_STEP = 80;

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const plain = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey;
const key = (...names: string[]) => (e: KeyboardEvent) => plain(e) && names.includes(e.key);
const arrow = (dx: number, dy: number) => (a: KeyActions, e: KeyboardEvent) => a.pan(dx * (e.shiftKey ? 4 : 1) * PAN_STEP, dy * (e.shiftKey ? 4 : 1) * PAN_STEP);

export const SHORTCUTS: readonly Shortcut[] = [
  { group: 'General', keys: ['/'], what: 'Search', match: key('/'), run: (a) => a.focusSearch() },
  { group: 'General', keys: ['?'], what: 'Show the keyboard shortcuts', match: key('?'), run: (a) => a.help() },
  { group: 'General', keys: ['Ctrl+Z'], what: 'Undo', match: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'z', run: (a) => a.undo() },
  { group: 'General', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], what: 'Redo', match: (e) => mod(e) && ((e.shiftKey && e.key.toLowerCase() === 'z') || e.key.toLowerCase() === 'y'), run: (a) => a.redo() },
  { group: 'General', keys: ['Esc'], what: 'Close the path finder, clear the selection or the highlight', match: (e) => e.key === 'Escape', run: (a) => a.escape() },
  { group: 'Canvas', keys: ['Tab'], what: 'Focus the canvas (its keys act while it has the focus)' },
  { group: 'Canvas', keys: ['←', '↑', '→', '↓'], what: 'Pan (with Shift: farther)', canvas: true, match: (e) => !mod(e) && !e.altKey && e.key.startsWith('Arrow'), run: (a, e) => ARROWS[e.key]?.(a, e) },
  { group: 'Canvas', keys: ['+', '='], what: 'Zoom in', canvas: true, match: key('+', '='), run: (a) => a.zoomIn() },
  { group: 'Canvas', keys: ['-'], what: 'Zoom out', canvas: true, match: key('-', '_'), run: (a) => a.zoomOut() },
  { group: 'Canvas', keys: ['0', 'F'], what: 'Fit the graph', canvas: true, match: key('0', 'f', 'F'), run: (a) => a.fit() },
  { group: 'Canvas', keys: ['L'], what: 'Lasso tool on or off (drag to select)', match: key('l', 'L'), run: (a) => a.lassoTool() },
  { group: 'Selection', keys: ['Shift+click', 'Ctrl+click'], what: 'Add to or take from the selection' },
  { group: 'Selection', keys: ['Shift+drag'], what: 'Select with a box' },
  { group: 'Selection', keys: ['Alt+drag', 'Ctrl+drag'], what: 'Select with a lasso' },
  { group: 'Selection', keys: ['Ctrl+A'], what: 'Select every entity drawn', match: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'a', run: (a) => a.selectAll() },
  { group: 'Selection', keys: ['E'], what: 'Expand the selection', match: key('e', 'E'), run: (a) => a.expand() },
  { group: 'Selection', keys: ['H'], what: 'Hide the selection', match: key('h', 'H'), run: (a) => a.hide() },
  { group: 'Selection', keys: ['P'], what: 'Pin or unpin the selection', match: key('p', 'P'), run: (a) => a.pin() },
  { group: 'Selection', keys: ['Delete', 'Backspace'], what: 'Remove the selection from the canvas', match: key('Delete', 'Backspace'), run: (a) => a.remove() },
];

const ARROWS: Record<string, (a: KeyActions, e: KeyboardEvent) => void> = {
  ArrowLeft: arrow(-1, 0),
  ArrowRight: arrow(1, 0),
  ArrowUp: arrow(0, -1),
  ArrowDown: arrow(0, 1),
};

/** True when the keyboard event's target is a text field (shortcuts stay out of its way). */
export function typingIn(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable || !!t.closest('.cm-editor'));
}

/** The focus is on the canvas, or on nothing in particular (the page itself). */
function canvasHasFocus(doc: Document, canvas: HTMLElement | null): boolean {
  const a = doc.activeElement;
  return !a || a === doc.body || a === canvas;
}

/** The shortcut a key event asks for, if any (the first of the table that matches). */
export function shortcutFor(e: KeyboardEvent): Shortcut | undefined {
  return SHORTCUTS.find((s) => s.match?.(e));
}

/** Binds the shortcuts on the document; returns the unbinding. */
export function bindKeys(doc: Document, a: KeyActions, canvas: HTMLElement | null = null): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (typingIn(e) || e.defaultPrevented) return;
    // Inside an open dialog (the shortcut list) only its own keys act.
    if ((e.target as HTMLElement | null)?.closest?.('dialog[open]')) return;
    const s = shortcutFor(e);
    if (!s?.run) return;
    if (s.canvas && !canvasHasFocus(doc, canvas)) return;
    if (e.key !== 'Escape') e.preventDefault();
    s.run(a, e);
  };
  doc.addEventListener('keydown', onKey);
  return () => doc.removeEventListener('keydown', onKey);
}
