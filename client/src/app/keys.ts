/** Keyboard shortcuts: `/` search, Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo, Escape closes or clears. */

export interface KeyActions {
  focusSearch(): void;
  undo(): void;
  redo(): void;
  /** Closes the path finder, else clears the selection, else the highlight. */
  escape(): void;
}

/** True when the keyboard event's target is a text field (shortcuts stay out of its way). */
export function typingIn(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable || !!t.closest('.cm-editor'));
}

/** Binds the shortcuts on the document; returns the unbinding. */
export function bindKeys(doc: Document, a: KeyActions): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (typingIn(e)) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (e.key === '/') {
      e.preventDefault();
      a.focusSearch();
    } else if (mod && !e.shiftKey && key === 'z') {
      e.preventDefault();
      a.undo();
    } else if (mod && ((e.shiftKey && key === 'z') || key === 'y')) {
      e.preventDefault();
      a.redo();
    } else if (e.key === 'Escape') a.escape();
  };
  doc.addEventListener('keydown', onKey);
  return () => doc.removeEventListener('keydown', onKey);
}
