/**
 * Notes on screen: the markers over the canvas (a small note badge at an
 * entity's upper right, at an edge's middle, or at a place), the note cards
 * (text with its links, edit, delete) in the evidence panel, in a marker's
 * popover and in the drawer's list, and the editor. Note text is text: links
 * are built with DOM APIs (links.ts), never markup.
 */
import { h, svg } from '../../ui/dom.ts';
import { LIMITS } from '../../../../shared/investigation/format.ts';
import { textNodes } from './links.ts';
import type { Marker, Note, NoteTarget } from './types.ts';

export interface NoteCardActions {
  edit(id: string, text: string): void;
  remove(id: string): void;
}

const NOTE_ICON = 'M5 4h10l4 4v12H5z M15 4v4h4 M8 12h8 M8 16h5';

export function noteIcon(size = 14): SVGSVGElement {
  return svg(
    'svg',
    { width: size, height: size, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true' },
    NOTE_ICON.split(' M').map((d, i) => svg('path', { d: i ? `M${d}` : d })),
  );
}

/** The note's text as paragraphs of text nodes and links. */
export function noteBody(text: string): HTMLElement {
  return h('div', { class: 'note-text' }, text.split(/\n{2,}/).map((para) => h('p', null, para.split('\n').flatMap((line, i) => [i ? h('br') : null, ...textNodes(document, line)]))));
}

/** An editor: a text area with Save (Ctrl+Enter) and Cancel (Esc). */
export function noteEditor(initial: string, onSave: (text: string) => void, onCancel: () => void, label = 'Note'): HTMLElement {
  const area = h('textarea', { class: 'note-input', rows: 4, maxlength: LIMITS.noteText, 'aria-label': label, placeholder: 'Write a note… (links starting with https:// become clickable)' });
  area.value = initial;
  const save = () => {
    const t = area.value.trim();
    if (t) onSave(t);
    else onCancel();
  };
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    }
  });
  const el = h(
    'div',
    { class: 'note-editor' },
    area,
    h(
      'div',
      { class: 'note-editor-buttons' },
      h('span', { class: 'muted note-hint' }, 'Ctrl+Enter to save'),
      h('button', { type: 'button', class: 'btn btn-small', onclick: onCancel }, 'Cancel'),
      h('button', { type: 'button', class: 'btn btn-small btn-primary', 'data-action': 'save-note', onclick: save }, 'Save note'),
    ),
  );
  requestAnimationFrame(() => area.focus());
  return el;
}

/** One note: its text, when, and edit / delete (delete asks once more on the same button). */
export function noteCard(n: Note, a: NoteCardActions): HTMLElement {
  const card = h('li', { class: 'note-card', 'data-note': n.id });
  const show = () => {
    let armed = false;
    const del = h('button', { type: 'button', class: 'btn-link note-action', 'data-action': 'delete-note' }, 'Delete');
    del.addEventListener('click', () => {
      if (armed) return a.remove(n.id);
      armed = true;
      del.textContent = 'Delete?';
      del.classList.add('danger');
      setTimeout(() => {
        armed = false;
        del.textContent = 'Delete';
        del.classList.remove('danger');
      }, 3000);
    });
    const when = new Date(n.updatedAt);
    card.replaceChildren(
      noteBody(n.text),
      h(
        'div',
        { class: 'note-meta' },
        h('time', { datetime: n.updatedAt, title: when.toLocaleString() }, when.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })),
        h('span', { class: 'spacer' }),
        h('button', { type: 'button', class: 'btn-link note-action', 'data-action': 'edit-note', onclick: edit }, 'Edit'),
        del,
      ),
    );
  };
  const edit = () =>
    card.replaceChildren(
      noteEditor(
        n.text,
        (t) => a.edit(n.id, t),
        () => show(),
        'Edit note',
      ),
    );
  show();
  return card;
}

/** The notes about one entity or edge, with a button to add one: what the evidence panel shows. */
export function notesSection(notes: readonly Note[], a: NoteCardActions & { add(text: string): void }, startEditing = false): HTMLElement {
  const list = h('ul', { class: 'note-list' }, notes.map((n) => noteCard(n, a)));
  const addBtn = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'add-note' }, noteIcon(13), 'Add a note');
  const section = h('section', { class: `panel-section notes-section${notes.length ? '' : ' notes-empty'}`, 'aria-label': 'Notes' }, h('div', { class: 'notes-head' }, h('h3', null, `Notes${notes.length ? ` (${notes.length})` : ''}`), addBtn), list);
  const open = () => {
    section.classList.remove('notes-empty');
    addBtn.hidden = true;
    const ed = noteEditor('', (t) => a.add(t), () => {
      ed.remove();
      addBtn.hidden = false;
      if (!notes.length) section.classList.add('notes-empty');
    });
    section.append(ed);
  };
  addBtn.addEventListener('click', open);
  if (startEditing) open();
  return section;
}

export interface OverlayActions {
  /** A marker was clicked: show its notes. */
  open(marker: Marker, anchor: HTMLElement): void;
}

/** The layer of note markers over the canvas (pointer events only on the markers). */
export class MarkerLayer {
  readonly el: HTMLElement;
  private buttons = new Map<string, HTMLButtonElement>();

  constructor(private readonly a: OverlayActions) {
    this.el = h('div', { class: 'note-markers', 'aria-label': 'Notes on the canvas' });
  }

  /** Puts the markers where they are now (buttons are reused by key, so a click is not lost between frames). */
  render(markers: readonly Marker[], describe: (t: NoteTarget) => string): void {
    const keep = new Set<string>();
    for (const m of markers) {
      keep.add(m.key);
      let b = this.buttons.get(m.key);
      if (!b) {
        b = h('button', { type: 'button', class: 'note-marker', 'data-marker': m.key });
        const btn = b;
        btn.addEventListener('click', (e) => {
          e.stopPropagation();
          const cur = (btn as HTMLButtonElement & { marker?: Marker }).marker;
          if (cur) this.a.open(cur, btn);
        });
        this.buttons.set(m.key, b);
        this.el.append(b);
      }
      (b as HTMLButtonElement & { marker?: Marker }).marker = m;
      b.dataset.kind = m.target.type;
      b.classList.toggle('is-dim', m.dim === true);
      b.style.transform = `translate(${Math.round(m.x)}px, ${Math.round(m.y)}px)`;
      const label = `${m.notes.length} note${m.notes.length === 1 ? '' : 's'} on ${describe(m.target)}`;
      if (b.getAttribute('aria-label') !== label) {
        b.setAttribute('aria-label', label);
        b.title = `${label}: ${m.notes[0]!.text.slice(0, 120)}`;
        b.replaceChildren(noteIcon(12), ...(m.notes.length > 1 ? [h('span', { class: 'note-count' }, String(m.notes.length))] : []));
      }
    }
    for (const [key, b] of this.buttons) {
      if (keep.has(key)) continue;
      b.remove();
      this.buttons.delete(key);
    }
  }
}

/** A popover with the notes of one marker, next to it. */
export function markerPopover(title: string, body: HTMLElement, anchor: HTMLElement, onClose: () => void, extra?: HTMLElement | null): HTMLElement {
  const close = h('button', { type: 'button', class: 'icon-btn popover-close', 'aria-label': 'Close', onclick: onClose }, '×');
  const pop = h('div', { class: 'note-popover', role: 'dialog', 'aria-label': title }, h('div', { class: 'note-popover-head' }, h('h3', null, title), close), body, extra ?? null);
  pop.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    }
  });
  const r = anchor.getBoundingClientRect();
  const stage = anchor.offsetParent?.getBoundingClientRect() ?? { left: 0, top: 0, width: innerWidth, height: innerHeight };
  const left = Math.min(r.left - stage.left + 18, stage.width - 330);
  const top = Math.min(r.top - stage.top - 8, stage.height - 260);
  pop.style.left = `${Math.max(8, left)}px`;
  pop.style.top = `${Math.max(8, top)}px`;
  return pop;
}
