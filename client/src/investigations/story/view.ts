/**
 * The story on screen: the drawer's list of steps (show, move up and down or
 * drag, edit, delete), a step's editor (title, text, what it highlights, its
 * camera), and the presentation card (the step's title and text, and every
 * claim behind its highlighted edges with status, source and quote).
 */
import type { GraphEdge } from '../../api/types.ts';
import { h, svg } from '../../ui/dom.ts';
import { LIMITS } from '../../../../shared/investigation/format.ts';
import { claimCard, type CardContext } from '../claim-card.ts';
import { noteBody } from '../notes/view.ts';
import type { StoryStep } from './types.ts';

export interface StepListActions {
  show(id: string): void;
  edit(id: string): void;
  cancel(): void;
  move(id: string, delta: -1 | 1): void;
  moveTo(id: string, index: number): void;
  save(id: string, patch: { title: string; text: string }): void;
  remove(id: string): void;
  addSelection(id: string): void;
  removeItem(id: string, item: { type: 'node' | 'edge'; id: string }): void;
  useCamera(id: string): void;
  frameItems(id: string): void;
  /** Names of a step's highlighted items, for its chips. */
  items(step: StoryStep): { type: 'node' | 'edge'; id: string; label: string }[];
  claimCount(step: StoryStep): number;
}

const PATHS: Record<string, string> = {
  up: 'm6 15 6-6 6 6',
  down: 'm6 9 6 6 6-6',
  eye: 'M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  edit: 'M4 20h4L19 9l-4-4L4 16z M14 6l4 4',
  trash: 'M4 7h16 M9 7V4h6v3 M6 7l1 13h10l1-13',
  grip: 'M9 6h.01 M15 6h.01 M9 12h.01 M15 12h.01 M9 18h.01 M15 18h.01',
  camera: 'M4 8h3l2-3h6l2 3h3v11H4z M12 10a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  plus: 'M12 5v14 M5 12h14',
};

export function glyph(name: string, size = 15): SVGSVGElement {
  return svg(
    'svg',
    { class: 'icon', width: size, height: size, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', 'stroke-width': name === 'grip' ? 3 : 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true' },
    PATHS[name]!.split(' M').map((d, i) => svg('path', { d: i ? `M${d}` : d })),
  );
}

function iconButton(name: string, label: string, onclick: () => void, action: string, disabled = false): HTMLButtonElement {
  return h('button', { type: 'button', class: 'icon-btn step-btn', 'aria-label': label, title: label, 'data-action': action, onclick, disabled }, glyph(name));
}

/** The list of steps; one may be open in its editor. */
export function stepList(steps: readonly StoryStep[], editing: string | null, current: string | null, a: StepListActions): HTMLElement {
  const list = h('ol', { class: 'step-list', 'aria-label': 'Story steps' });
  let dragged: string | null = null;
  steps.forEach((s, i) => {
    const li = s.id === editing ? stepEditor(s, i, a) : stepCard(s, i, steps.length, s.id === current, a);
    li.dataset.step = s.id;
    if (s.id !== editing) {
      li.draggable = true;
      li.addEventListener('dragstart', (e) => {
        dragged = s.id;
        li.classList.add('dragging');
        e.dataTransfer?.setData('text/plain', s.id);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
      });
      li.addEventListener('dragend', () => {
        dragged = null;
        li.classList.remove('dragging');
        list.querySelectorAll('.drop-before, .drop-after').forEach((x) => x.classList.remove('drop-before', 'drop-after'));
      });
    }
    li.addEventListener('dragover', (e) => {
      if (!dragged || dragged === s.id) return;
      e.preventDefault();
      const after = e.offsetY > li.clientHeight / 2;
      li.classList.toggle('drop-after', after);
      li.classList.toggle('drop-before', !after);
    });
    li.addEventListener('dragleave', () => li.classList.remove('drop-before', 'drop-after'));
    li.addEventListener('drop', (e) => {
      e.preventDefault();
      const id = dragged ?? e.dataTransfer?.getData('text/plain');
      li.classList.remove('drop-before', 'drop-after');
      if (!id || id === s.id) return;
      const from = steps.findIndex((x) => x.id === id);
      const after = e.offsetY > li.clientHeight / 2;
      let to = i + (after ? 1 : 0);
      if (from < to) to--;
      a.moveTo(id, to);
    });
    list.append(li);
  });
  return list;
}

function stepCard(s: StoryStep, i: number, count: number, current: boolean, a: StepListActions): HTMLElement {
  let armed = false;
  const del = iconButton('trash', 'Delete this step', () => {
    if (armed) return a.remove(s.id);
    armed = true;
    del.classList.add('armed');
    del.title = 'Click again to delete';
    del.setAttribute('aria-label', 'Click again to delete this step');
    setTimeout(() => {
      armed = false;
      del.classList.remove('armed');
      del.title = 'Delete this step';
      del.setAttribute('aria-label', 'Delete this step');
    }, 3000);
  }, 'delete-step');
  const items = a.items(s);
  const nodes = items.filter((x) => x.type === 'node').length;
  const edges = items.length - nodes;
  const claims = a.claimCount(s);
  const meta = [nodes ? `${nodes} entit${nodes === 1 ? 'y' : 'ies'}` : null, edges ? `${edges} edge${edges === 1 ? '' : 's'}` : null, claims ? `${claims} claim${claims === 1 ? '' : 's'}` : null].filter(Boolean).join(' · ');
  return h(
    'li',
    { class: `step-card${current ? ' is-current' : ''}` },
    h('span', { class: 'step-grip', title: 'Drag to reorder', 'aria-hidden': 'true' }, glyph('grip', 14)),
    h(
      'button',
      { type: 'button', class: 'step-main', title: 'Show this step on the canvas', 'data-action': 'show-step', onclick: () => a.show(s.id) },
      h('span', { class: 'step-num' }, String(i + 1)),
      h('span', { class: 'step-body' }, h('span', { class: 'step-title' }, s.title || `Step ${i + 1}`), s.text ? h('span', { class: 'step-excerpt' }, s.text.slice(0, 160)) : null, h('span', { class: 'step-meta' }, meta || 'highlights nothing yet')),
    ),
    h(
      'div',
      { class: 'step-tools', role: 'group', 'aria-label': `Step ${i + 1}` },
      iconButton('up', 'Move up', () => a.move(s.id, -1), 'step-up', i === 0),
      iconButton('down', 'Move down', () => a.move(s.id, 1), 'step-down', i === count - 1),
      iconButton('edit', 'Edit this step', () => a.edit(s.id), 'edit-step'),
      del,
    ),
  );
}

function stepEditor(s: StoryStep, i: number, a: StepListActions): HTMLElement {
  const title = h('input', { type: 'text', class: 'step-input', value: s.title, maxlength: LIMITS.stepTitle, 'aria-label': 'Step title', placeholder: `Step ${i + 1}` });
  const text = h('textarea', { class: 'step-input step-text', rows: 6, maxlength: LIMITS.stepText, 'aria-label': 'Step text', placeholder: 'What this step shows, in your words. Links starting with https:// become clickable.' });
  text.value = s.text;
  const items = a.items(s);
  const save = () => a.save(s.id, { title: title.value.trim(), text: text.value.trim() });
  const form = h(
    'li',
    { class: 'step-card step-editing' },
    h('div', { class: 'step-edit-head' }, h('span', { class: 'step-num' }, String(i + 1)), h('span', { class: 'muted' }, 'Editing step')),
    h('label', { class: 'field' }, h('span', null, 'Title'), title),
    h('label', { class: 'field' }, h('span', null, 'Text'), text),
    h(
      'div',
      { class: 'field' },
      h('span', null, 'Highlights'),
      items.length
        ? h(
            'ul',
            { class: 'chips' },
            items.map((it) =>
              h(
                'li',
                { class: `chip chip-${it.type}` },
                h('span', { class: 'chip-label' }, it.label),
                h('button', { type: 'button', class: 'chip-x', 'aria-label': `Stop highlighting ${it.label}`, title: 'Stop highlighting it', onclick: () => a.removeItem(s.id, { type: it.type, id: it.id }) }, '×'),
              ),
            ),
          )
        : h('p', { class: 'muted small' }, 'Nothing: the whole canvas shows as it is.'),
      h(
        'div',
        { class: 'step-edit-tools' },
        h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'add-selection', title: 'Add what is selected (or the path shown) to this step', onclick: () => a.addSelection(s.id) }, glyph('plus', 13), 'Add the selection'),
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('span', null, 'Camera'),
      h('p', { class: 'muted small step-camera-note' }, s.camera ? 'As you framed it.' : items.length ? 'Frames what it highlights, on any screen.' : 'The whole canvas.'),
      h(
        'div',
        { class: 'step-edit-tools' },
        h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'use-camera', title: 'Frame this step as the canvas is framed now', onclick: () => a.useCamera(s.id) }, glyph('camera', 13), 'Use this camera'),
        s.camera && items.length ? h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'frame-items', title: 'Frame what the step highlights', onclick: () => a.frameItems(s.id) }, 'Frame its items') : null,
      ),
    ),
    h(
      'div',
      { class: 'step-edit-buttons' },
      h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'cancel-step', onclick: () => a.cancel() }, 'Cancel'),
      h('button', { type: 'button', class: 'btn btn-small btn-primary', 'data-action': 'save-step', onclick: save }, 'Save step'),
    ),
  );
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      a.cancel();
    }
  });
  requestAnimationFrame(() => title.focus());
  return form;
}

export interface PresentationActions {
  prev(): void;
  next(): void;
  go(index: number): void;
  leave(): void;
}

/** The presentation card: where in the story, the step, the claims behind it, and the way on. */
export function presentationCard(step: StoryStep, index: number, count: number, claims: readonly GraphEdge[], ctx: CardContext, a: PresentationActions, loadingSources: boolean): HTMLElement {
  const dots = h(
    'div',
    { class: 'present-dots', role: 'tablist', 'aria-label': 'Steps' },
    Array.from({ length: count }, (_, i) =>
      h('button', { type: 'button', class: `present-dot${i === index ? ' is-current' : ''}`, role: 'tab', 'aria-selected': String(i === index), 'aria-label': `Step ${i + 1}`, onclick: () => a.go(i) }),
    ),
  );
  return h(
    'div',
    { class: 'present-card-inner' },
    h(
      'div',
      { class: 'present-head' },
      h('span', { class: 'present-count', 'data-step-index': String(index) }, `Step ${index + 1} of ${count}`),
      h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'leave-presentation', title: 'Leave the presentation (Esc)', onclick: a.leave }, 'Exit', h('kbd', { class: 'kbd-dark' }, 'Esc')),
    ),
    h('div', { class: 'present-scroll' },
      h('h2', { class: 'present-title' }, step.title || `Step ${index + 1}`),
      step.text ? noteBody(step.text) : null,
      claims.length
        ? h(
            'section',
            { class: 'present-claims', 'aria-label': 'Claims behind this step' },
            h('h3', null, `Claims behind this step (${claims.length})`, loadingSources ? h('span', { class: 'muted' }, ' · loading sources…') : null),
            h('ol', { class: 'claim-list' }, claims.map((c) => claimCard(c, ctx))),
          )
        : h('p', { class: 'muted present-none' }, 'This step highlights entities only: no claims to list.'),
    ),
    h(
      'div',
      { class: 'present-nav' },
      h('button', { type: 'button', class: 'btn', 'data-action': 'prev-step', onclick: a.prev, disabled: index === 0, title: 'Previous step (←)' }, '← Previous'),
      dots,
      h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'next-step', onclick: a.next, disabled: index === count - 1, title: 'Next step (→)' }, 'Next →'),
    ),
  );
}
