/**
 * The investigation on screen: its toolbar entries (the Story button that
 * opens the drawer, and the Investigation menu: file, saved views on the
 * server, publishing), the drawer (the story's steps and every note, with the
 * investigation's title), the drop zone for files, and the dialogs (saving to
 * the server, the token, a file that cannot be opened, what changed since a
 * reopened investigation was saved).
 */
import { typeLabel } from '../graph/format.ts';
import { icon } from '../app/toolbar.ts';
import { fill, h } from '../ui/dom.ts';
import { LIMITS } from '../../../shared/investigation/format.ts';
import { noteIcon } from './notes/view.ts';
import { glyph } from './story/view.ts';
import type { DocumentIssue, ReopenReport, SavedViewSummary } from './types.ts';

export interface MenuActions {
  newInvestigation(): void;
  openFile(): void;
  saveFile(): void;
  saveToServer(): void;
  updateOnServer(): void;
  openView(id: string): void;
  copyLink(view: SavedViewSummary): void;
  deleteView(view: SavedViewSummary): void;
  listViews(): Promise<SavedViewSummary[]>;
  publishHtml(): void;
  report(): void;
  /** The saved view open now, if any (Update is offered for it). */
  openViewName(): string | null;
  hasStory(): boolean;
}

function menuItem(label: string, hint: string, run: () => void, action: string, close: () => void, disabled = false): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', role: 'menuitem', class: 'menu-item', 'data-action': action, disabled, onclick: () => (close(), run()) },
    h('span', { class: 'menu-label' }, label),
    h('span', { class: 'menu-hint' }, hint),
  );
}

function shortDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** The Investigation menu; its saved views are listed each time it opens. */
export function investigationMenu(a: MenuActions): HTMLElement {
  const button = h('button', { type: 'button', class: 'btn', id: 'investigation-button', 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-controls': 'investigation-menu', 'aria-label': 'Investigation' }, icon('folder'), h('span', { class: 'btn-label' }, 'Investigation'), h('span', { class: 'caret', 'aria-hidden': 'true' }));
  const views = h('div', { class: 'views-list', role: 'group', 'aria-label': 'Saved views on this server' });
  const menu = h('div', { class: 'menu menu-wide', id: 'investigation-menu', role: 'menu', hidden: true, 'aria-label': 'Investigation' });
  const wrap = h('div', { class: 'menu-wrap' }, button, menu);
  const close = () => {
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  };
  const build = () => {
    const open = a.openViewName();
    fill(
      menu,
      menuItem('New investigation', 'no notes, no steps', a.newInvestigation, 'new', close),
      menuItem('Open file…', 'or drop it on the canvas', a.openFile, 'open-file', close),
      menuItem('Save to file', 'Ctrl+S · .claimgraph.json', a.saveFile, 'save-file', close),
      h('div', { class: 'menu-sep', role: 'separator' }),
      h('div', { class: 'menu-heading' }, 'Saved views on this server'),
      open ? menuItem(`Update “${open}”`, 'on the server', a.updateOnServer, 'update-view', close) : null,
      menuItem('Save as a view…', 'a name and a short link', a.saveToServer, 'save-view', close),
      views,
      h('div', { class: 'menu-sep', role: 'separator' }),
      menuItem('Publish as HTML', 'one file, opens offline', a.publishHtml, 'publish-html', close),
      menuItem('Story report', 'Markdown and pictures, zipped', a.report, 'report', close, !a.hasStory()),
    );
  };
  const listViews = async () => {
    fill(views, h('p', { class: 'views-empty muted' }, h('span', { class: 'spinner' }), ' Loading…'));
    try {
      const list = await a.listViews();
      if (!list.length) return fill(views, h('p', { class: 'views-empty muted' }, 'None yet.'));
      fill(
        views,
        h(
          'ul',
          { class: 'views' },
          list.map((v) =>
            h(
              'li',
              { class: 'view-row', 'data-view': v.id },
              h(
                'button',
                { type: 'button', class: 'view-open', role: 'menuitem', title: `Open “${v.name}”`, onclick: () => (close(), a.openView(v.id)) },
                h('span', { class: 'view-name' }, v.name),
                h('span', { class: 'view-meta' }, [shortDate(v.updatedAt), v.steps ? `${v.steps} step${v.steps === 1 ? '' : 's'}` : null, v.notes ? `${v.notes} note${v.notes === 1 ? '' : 's'}` : null].filter(Boolean).join(' · ')),
              ),
              h('button', { type: 'button', class: 'icon-btn view-tool', 'aria-label': `Copy the link to “${v.name}”`, title: `Copy the link (${v.link})`, 'data-action': 'copy-link', onclick: () => a.copyLink(v) }, linkGlyph()),
              h('button', { type: 'button', class: 'icon-btn view-tool', 'aria-label': `Delete “${v.name}”`, title: 'Delete from the server', 'data-action': 'delete-view', onclick: () => (close(), a.deleteView(v)) }, glyph('trash', 14)),
            ),
          ),
        ),
      );
    } catch (e) {
      fill(views, h('p', { class: 'views-empty error' }, `Could not list them: ${(e as Error).message}`));
    }
  };
  button.addEventListener('click', () => {
    const open = menu.hidden;
    if (open) {
      build();
      void listViews();
    }
    menu.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) menu.querySelector<HTMLElement>('.menu-item')?.focus();
  });
  document.addEventListener('click', (e) => {
    if (!wrap.contains(e.target as Node)) close();
  });
  wrap.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      close();
      button.focus();
    }
  });
  return wrap;
}

function linkGlyph(): SVGSVGElement {
  const g = glyph('plus', 14);
  g.replaceChildren();
  const ns = 'http://www.w3.org/2000/svg';
  for (const d of ['M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7', 'M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7']) {
    const p = document.createElementNS(ns, 'path');
    p.setAttribute('d', d);
    g.append(p);
  }
  return g;
}

export interface DrawerActions {
  close(): void;
  rename(title: string): void;
  capture(): void;
  present(): void;
  addCanvasNote(): void;
}

export type DrawerTab = 'story' | 'notes';

/** The drawer over the legend: the investigation's title, its story and its notes. */
export class Drawer {
  readonly el: HTMLElement;
  private tab: DrawerTab = 'story';
  private readonly title: HTMLInputElement;
  private readonly tabs: Record<DrawerTab, HTMLButtonElement>;
  private readonly bodies: Record<DrawerTab, HTMLElement>;
  private readonly present: HTMLButtonElement;
  private readonly origin: HTMLElement;

  constructor(a: DrawerActions, storyList: HTMLElement, private readonly notesList: () => HTMLElement) {
    this.title = h('input', { type: 'text', class: 'drawer-title-input', id: 'investigation-title', maxlength: LIMITS.title, 'aria-label': 'Investigation title', placeholder: 'Untitled investigation' });
    this.title.addEventListener('change', () => a.rename(this.title.value));
    this.title.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.title.blur();
    });
    const tab = (t: DrawerTab, label: string) =>
      h('button', { type: 'button', role: 'tab', class: 'drawer-tab', id: `drawer-tab-${t}`, 'aria-controls': `drawer-${t}`, onclick: () => this.show(t) }, label);
    this.tabs = { story: tab('story', 'Story'), notes: tab('notes', 'Notes') };
    this.present = h('button', { type: 'button', class: 'btn btn-small', id: 'present-button', title: 'Present the story (arrow keys step through, Esc leaves)', onclick: a.present }, '▶ Present');
    this.origin = h('div', { class: 'drawer-origin muted' });
    this.bodies = {
      story: h(
        'div',
        { class: 'drawer-body', id: 'drawer-story', role: 'tabpanel', 'aria-labelledby': 'drawer-tab-story' },
        h(
          'div',
          { class: 'drawer-tools' },
          h('button', { type: 'button', class: 'btn btn-small btn-primary', id: 'capture-step', title: 'A new step: what is selected (or the path on show) is highlighted, with the camera as it is', onclick: a.capture }, glyph('plus', 13), 'Capture step'),
          this.present,
        ),
        storyList,
      ),
      notes: h(
        'div',
        { class: 'drawer-body', id: 'drawer-notes', role: 'tabpanel', 'aria-labelledby': 'drawer-tab-notes', hidden: true },
        h(
          'div',
          { class: 'drawer-tools' },
          h('button', { type: 'button', class: 'btn btn-small', id: 'add-canvas-note', title: 'A note on the canvas, where its middle is now', onclick: a.addCanvasNote }, noteIcon(13), 'Note on the canvas'),
          h('span', { class: 'muted small' }, 'Notes on an entity or an edge: in its panel.'),
        ),
        h('div', { class: 'drawer-notes-list' }),
      ),
    };
    this.el = h(
      'aside',
      { class: 'drawer', id: 'investigation', 'aria-label': 'Investigation', hidden: true },
      h(
        'div',
        { class: 'drawer-head' },
        h('div', { class: 'drawer-title' }, h('span', { class: 'drawer-kicker' }, 'Investigation'), this.title, this.origin),
        h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Close the investigation drawer', title: 'Back to the legend and filters', onclick: a.close }, '×'),
      ),
      h('div', { class: 'drawer-tabs', role: 'tablist' }, this.tabs.story, this.tabs.notes),
      this.bodies.story,
      this.bodies.notes,
    );
    this.show('story');
  }

  get open(): boolean {
    return !this.el.hidden;
  }

  show(t: DrawerTab): void {
    this.tab = t;
    for (const k of ['story', 'notes'] as const) {
      this.tabs[k].setAttribute('aria-selected', String(k === t));
      this.tabs[k].classList.toggle('is-current', k === t);
      this.bodies[k].hidden = k !== t;
    }
    if (t === 'notes') this.renderNotes();
  }

  /** Redraws the counts on the tabs, the Present button and (when shown) the notes. */
  update(counts: { steps: number; notes: number }, title: string, origin: string): void {
    this.tabs.story.textContent = counts.steps ? `Story (${counts.steps})` : 'Story';
    this.tabs.notes.textContent = counts.notes ? `Notes (${counts.notes})` : 'Notes';
    this.present.disabled = counts.steps === 0;
    if (document.activeElement !== this.title) this.title.value = title;
    this.origin.textContent = origin;
    if (this.tab === 'notes') this.renderNotes();
  }

  private renderNotes(): void {
    const body = this.bodies.notes.querySelector('.drawer-notes-list')!;
    const list = this.notesList();
    fill(body, list.childElementCount ? list : h('p', { class: 'muted story-empty' }, 'No notes yet. Open an entity or an edge and add a note in its panel, or put one on the canvas.'));
  }
}

/** The dialog body of a file that cannot be opened: the problems, each with the field it is about. */
export function issuesBody(fileName: string, issues: readonly DocumentIssue[]): HTMLElement {
  const shown = issues.slice(0, 12);
  return h(
    'div',
    { class: 'open-error' },
    h('p', null, `${fileName} is not an investigation this claimgraph can open:`),
    h('ul', { class: 'issue-list' }, shown.map((i) => h('li', null, h('code', { class: 'issue-path' }, i.path), ' ', h('span', null, i.message)))),
    issues.length > shown.length ? h('p', { class: 'muted' }, `and ${issues.length - shown.length} more`) : null,
  );
}

/** What reopening found: the lists, in words a reader follows. */
export function reportBody(r: ReopenReport, savedAt: string): HTMLElement {
  const name = (id: string) => r.names.get(id) ?? id;
  const ends = (c: { source: string; type: string; target: string }) => `${name(c.source)} → ${typeLabel(c.type)} → ${name(c.target)}`;
  const when = new Date(savedAt).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
  const changedRow = (c: ReopenReport['changed'][number]) =>
    h(
      'li',
      { class: 'report-claim', 'data-claim': c.id },
      h('div', { class: 'report-ends' }, ends(c.current), h('span', { class: 'muted' }, ` · ${c.fields.join(', ')} changed`)),
      ['quote', 'status', 'sourceId'].filter((f) => c.fields.includes(f)).map((f) =>
        h(
          'div',
          { class: 'report-diff' },
          h('span', { class: 'report-field' }, f === 'sourceId' ? 'source' : f),
          h('del', { class: 'report-was' }, String(c.saved[f as 'quote'] ?? '(none)')),
          h('ins', { class: 'report-now' }, String(c.current[f as 'quote'] ?? '(none)')),
        ),
      ),
    );
  return h(
    'div',
    { class: 'reopen-report' },
    h('p', null, `Saved on ${when}. Compared with the database now:`),
    r.unchecked ? h('p', { class: 'report-warn' }, `Not checked: ${r.unchecked}. Everything shows as it was saved.`) : null,
    r.missingDatasets.length ? h('p', { class: 'report-warn' }, `This server does not hold the dataset${r.missingDatasets.length === 1 ? '' : 's'} ${r.missingDatasets.join(', ')}.`) : null,
    r.changed.length
      ? h('section', { class: 'report-section', 'data-section': 'changed' }, h('h3', null, `${r.changed.length} claim${r.changed.length === 1 ? '' : 's'} changed — shown as they are now`), h('ul', null, r.changed.map(changedRow)))
      : null,
    r.vanishedClaims.length
      ? h(
          'section',
          { class: 'report-section', 'data-section': 'vanished' },
          h('h3', null, `${r.vanishedClaims.length} claim${r.vanishedClaims.length === 1 ? '' : 's'} no longer in the database — taken off the canvas`),
          h('ul', null, r.vanishedClaims.map((c) => h('li', { class: 'report-claim', 'data-claim': c.id }, h('div', { class: 'report-ends' }, ends(c)), c.quote ? h('blockquote', { class: 'quote' }, c.quote) : null))),
        )
      : null,
    r.vanishedEntities.length
      ? h(
          'section',
          { class: 'report-section', 'data-section': 'entities' },
          h('h3', null, `${r.vanishedEntities.length} entit${r.vanishedEntities.length === 1 ? 'y' : 'ies'} no longer in the database`),
          h('ul', null, r.vanishedEntities.map((e) => h('li', null, e.name, h('span', { class: 'muted' }, ` (${e.id})`)))),
        )
      : null,
    h('p', { class: 'muted' }, 'Everything else is as it was saved.'),
  );
}
