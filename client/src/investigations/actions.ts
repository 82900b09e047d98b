/**
 * Investigations: the working state as a document that is saved and
 * reopened (a file, or a saved view on the server with a short link),
 * annotated (notes/) and narrated (story/), and published (publish/).
 *
 * Built on the one state: a document is ExplorerState.save() plus what it
 * rests on (documentOf); opening one validates it, asks the server for the
 * current form of its claims, loads the state with vanished items taken out
 * and changed claims in their current form (reconcile), and shows what
 * changed. The feature keeps only the title and where the document came
 * from; notes and steps are state keys.
 */
import { ApiError, type GraphEdge, type SourceRef } from '../api/index.ts';
import type { Change } from '../state/index.ts';
import { icon } from '../app/toolbar.ts';
import { h, saveBlob } from '../ui/dom.ts';
import type { Services } from '../ui/services.ts';
import { viewsApi, token } from './api.ts';
import { openDialog } from './dialog.ts';
import { documentBlob, FILE_SUFFIX, readInvestigationFile, validate } from './file.ts';
import { currentRequests, documentOf, mergeCurrent, reconcile, reportIsEmpty, reportText, savedStateOf, uncheckedReport } from './index.ts';
import { NotesFeature } from './notes/actions.ts';
import { fileSlug } from './publish/index.ts';
import type { PublishFeature } from './publish/actions.ts';
import { StoryFeature } from './story/actions.ts';
import type { CurrentClaims, InvestigationDocument, Origin, ReopenReport, SavedViewSummary } from './types.ts';
import { Drawer, investigationMenu, issuesBody, reportBody } from './view.ts';
import './styles.css';

export interface InvestigationHooks {
  /** Stops a running layout before a document replaces the canvas. */
  stopLayout(): void;
  /** Shows an entity's or an edge's evidence panel. */
  select(target: { type: 'node' | 'edge'; id: string }): void;
  /** Whether the legend/filters sidebar or the drawer shows. */
  showSidebar(show: boolean): void;
  /** Writes the address bar now (a saved view's short link shows there while it is open). */
  rewriteUrl(): void;
}

export class InvestigationsFeature {
  readonly notes: NotesFeature;
  readonly story: StoryFeature;
  readonly drawer: Drawer;
  private title = '';
  private origin: Origin = { type: 'none' };
  private readonly sourceCache = new Map<string, SourceRef>();
  private readonly fileInput: HTMLInputElement;
  /** The last reopening's report, for the tests and a second look. */
  lastReport: ReopenReport | null = null;

  constructor(
    private readonly s: Services,
    private readonly stage: HTMLElement,
    private readonly hooks: InvestigationHooks,
  ) {
    this.notes = new NotesFeature(s, stage, { select: (t) => t.type !== 'canvas' && this.select(t) });
    this.story = new StoryFeature(s, { sources: (c) => this.sources(c), presenting: (on) => this.presenting(on) });
    this.drawer = new Drawer(
      {
        close: () => this.toggleDrawer(false),
        rename: (t) => {
          this.title = t.trim();
          this.updateDrawer();
        },
        capture: () => this.capture(),
        present: () => void this.story.present(0),
        addCanvasNote: () => this.notes.addOnCanvas(),
      },
      this.story.listEl,
      () => this.notes.listView(),
    );
    this.notes.onNotes(() => this.updateDrawer());
    this.fileInput = h('input', { type: 'file', accept: `${FILE_SUFFIX},.json,application/json`, id: 'investigation-file', class: 'sr-only', tabindex: -1, 'aria-hidden': 'true' });
    this.fileInput.addEventListener('change', () => {
      const f = this.fileInput.files?.[0];
      this.fileInput.value = '';
      if (f) void this.openFile(f);
    });
    document.body.append(this.fileInput);
    this.bindDrop();
    this.story.render();
    this.updateDrawer();
  }

  /** The state's subscriber (after the canvas: markers are placed on its frames). */
  onChange(c: Change): void {
    this.notes.onChange(c);
    this.story.onChange(c);
    if (c.has('story', 'notes')) this.updateDrawer();
  }

  // ---- toolbar ----------------------------------------------------------------------

  /** The toolbar's entries: the drawer's button and the Investigation menu. */
  toolbarEntries(): HTMLElement[] {
    const storyBtn = h('button', { type: 'button', class: 'btn', id: 'story-button', 'aria-expanded': 'false', 'aria-controls': 'investigation', title: 'Story and notes', onclick: () => this.toggleDrawer() }, icon('story'), h('span', { class: 'btn-label' }, 'Story'));
    this.drawerButton = storyBtn;
    return [
      storyBtn,
      investigationMenu({
        newInvestigation: () => this.newInvestigation(),
        openFile: () => this.fileInput.click(),
        saveFile: () => this.saveFile(),
        saveToServer: () => void this.saveToServer(),
        updateOnServer: () => void this.updateOnServer(),
        openView: (id) => void this.openView(id),
        copyLink: (v) => void this.copyLink(v),
        deleteView: (v) => void this.deleteView(v),
        listViews: async () => (await viewsApi.list()).views,
        publishHtml: () => void this.publisher().then((p) => p.html()),
        report: () => void this.publisher().then((p) => p.report()),
        openViewName: () => (this.origin.type === 'view' ? this.origin.name : null),
        hasStory: () => this.s.state.view.story.length > 0,
      }),
    ];
  }

  private drawerButton: HTMLButtonElement | null = null;

  toggleDrawer(open = !this.drawer.open): void {
    this.drawer.el.hidden = !open;
    this.hooks.showSidebar(!open);
    this.drawerButton?.setAttribute('aria-expanded', String(open));
    this.drawerButton?.classList.toggle('is-active', open);
  }

  /** Ctrl+S and Ctrl+O (the app's shortcuts leave them to us). */
  key(e: KeyboardEvent): boolean {
    const mod = e.ctrlKey || e.metaKey;
    if (!mod || e.shiftKey || e.altKey) return false;
    const k = e.key.toLowerCase();
    if (k === 's') this.saveFile();
    else if (k === 'o') this.fileInput.click();
    else return false;
    e.preventDefault();
    return true;
  }

  private capture(): void {
    this.story.capture();
    this.toggleDrawer(true);
    this.drawer.show('story');
  }

  private select(t: { type: 'entity' | 'edge'; id: string }): void {
    this.hooks.select({ type: t.type === 'entity' ? 'node' : 'edge', id: t.id });
  }

  private presenting(on: boolean): void {
    document.body.classList.toggle('presenting', on);
    if (on) this.s.canvas.sigma.getContainer().focus?.();
  }

  private titleOrDefault(): string {
    if (this.title) return this.title;
    const d = this.s.state.view.schema?.datasets[0];
    return d?.title ? `${d.title}: investigation` : 'Untitled investigation';
  }

  private updateDrawer(): void {
    const v = this.s.state.view;
    const o = this.origin;
    const origin = o.type === 'view' ? `Saved view “${o.name}” · /?view=${o.id}` : o.type === 'file' ? `From ${o.name}` : 'Not saved yet';
    this.drawer.update({ steps: v.story.length, notes: v.notes.length }, this.title, origin);
  }

  /** A saved view the page was opened with (`?view=`), until it is loaded. */
  private pendingView: string | null = null;

  /** The link the address bar shows while a saved view is open (see UrlSync's override), else null. */
  urlOverride(): string | null {
    const id = this.origin.type === 'view' ? this.origin.id : this.pendingView;
    return id ? `view=${encodeURIComponent(id)}` : null;
  }

  /** The view id of the page's `?view=` link, if any; the address keeps it while the opening view loads. */
  viewOfLink(search: string): string | null {
    const id = new URLSearchParams(search).get('view');
    this.pendingView = id && /^[A-Za-z0-9_-]{6,32}$/.test(id) ? id : null;
    return this.pendingView;
  }

  /** Something else took over the canvas (Reset): the saved view is no longer what shows. */
  detach(): void {
    if (this.origin.type === 'view') this.setOrigin({ type: 'none' });
  }

  private setOrigin(o: Origin): void {
    const was = this.origin;
    this.origin = o;
    this.updateDrawer();
    if (was.type === 'view' || o.type === 'view') this.hooks.rewriteUrl();
  }

  // ---- the document ------------------------------------------------------------------

  document(): InvestigationDocument {
    return documentOf(this.s.state.save(), this.titleOrDefault(), new Date());
  }

  private newInvestigation(): void {
    this.story.leave();
    this.title = '';
    this.setOrigin({ type: 'none' });
    const hl = this.s.state.view.highlight;
    this.s.state.set({ notes: [], story: [], highlight: hl?.kind === 'story' ? null : hl });
    this.s.toasts.show('A new investigation: no notes, no steps (the canvas stays)', 'info');
  }

  saveFile(): void {
    const doc = this.document();
    saveBlob(documentBlob(doc), `${fileSlug(doc.title)}${FILE_SUFFIX}`);
    if (this.origin.type === 'none') this.setOrigin({ type: 'file', name: `${fileSlug(doc.title)}${FILE_SUFFIX}` });
    this.s.toasts.show(`Saved “${doc.title}”: ${doc.state.nodes.length} entities, ${doc.claims.length} claims, ${doc.state.notes.length} notes, ${doc.state.story.length} steps`, 'success');
  }

  async openFile(file: File): Promise<void> {
    const r = await this.s.progress.track('Reading the file', readInvestigationFile(file));
    if (!r.ok) {
      this.s.toasts.show(`Could not open ${file.name}: ${r.message}`, 'error', 12000);
      await openDialog({ id: 'open-error', title: 'This file cannot be opened', body: issuesBody(file.name, r.issues), buttons: [{ label: 'Close', value: 'close', primary: true }] }).closed;
      return;
    }
    await this.load(r.doc, { type: 'file', name: file.name });
  }

  /** Opens a document: checks it against the database, loads what remains, says what changed. */
  async load(doc: InvestigationDocument, origin: Origin): Promise<void> {
    const { state, canvas, progress } = this.s;
    this.story.leave();
    this.hooks.stopLayout();
    const task = progress.start('Checking the claims against the database');
    let report: ReopenReport;
    let saved;
    try {
      const parts: CurrentClaims[] = [];
      for (const req of currentRequests(doc)) parts.push(await viewsApi.current(req));
      const current = mergeCurrent(parts);
      current.sources.forEach((s) => this.sourceCache.set(s.id, s));
      const known = state.view.schema ? state.view.schema.datasets.map((d) => d.name) : null;
      ({ report, saved } = reconcile(doc, current, known));
    } catch (e) {
      report = uncheckedReport(doc, `the server did not answer (${(e as Error).message})`);
      saved = savedStateOf(doc);
    } finally {
      progress.end(task);
    }
    state.checkpoint();
    canvas.bulk(() => state.load(saved));
    this.title = doc.title;
    this.setOrigin(origin);
    this.lastReport = report;
    if (doc.state.story.length || doc.state.notes.length) this.toggleDrawer(true);
    const what = `${doc.state.notes.length} notes, ${doc.state.story.length} steps`;
    if (reportIsEmpty(report)) {
      this.s.toasts.show(`Opened “${doc.title}” (${what}); every claim is as it was saved`, 'success');
      return;
    }
    this.s.toasts.show(`Opened “${doc.title}” (${what}); some claims changed since it was saved`, 'info');
    const d = openDialog({
      id: 'reopen-report',
      title: `“${doc.title}” changed since it was saved`,
      body: reportBody(report, doc.savedAt),
      wide: true,
      buttons: [
        { label: 'Download this list', value: 'download' },
        { label: 'Close', value: 'close', primary: true },
      ],
    });
    if ((await d.closed) === 'download') saveBlob(new Blob([reportText(report, doc.title, doc.savedAt)], { type: 'text/plain' }), `${fileSlug(doc.title)}-changes.txt`);
  }

  // ---- drag and drop ------------------------------------------------------------------

  private bindDrop(): void {
    const zone = h('div', { class: 'drop-zone', hidden: true }, h('div', { class: 'drop-zone-inner' }, 'Drop an investigation file to open it'));
    this.stage.append(zone);
    let depth = 0;
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    this.stage.addEventListener('dragenter', (e) => {
      if (!hasFiles(e)) return;
      depth++;
      zone.hidden = false;
    });
    this.stage.addEventListener('dragleave', (e) => {
      if (!hasFiles(e)) return;
      if (--depth <= 0) {
        depth = 0;
        zone.hidden = true;
      }
    });
    this.stage.addEventListener('dragover', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    });
    this.stage.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      zone.hidden = true;
      const f = e.dataTransfer?.files[0];
      if (f) void this.openFile(f);
    });
  }

  // ---- saved views ----------------------------------------------------------------------

  /** Runs a write, asking for the API token when the server wants one (and once more when it was wrong). */
  private async withToken<T>(write: () => Promise<T>): Promise<T | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await write();
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 401) throw e;
        const t = await this.askToken(attempt > 0);
        if (!t) return null;
        token.set(t);
      }
    }
    return null;
  }

  private async askToken(wrong: boolean): Promise<string | null> {
    const input = h('input', { type: 'password', class: 'dialog-input', id: 'api-token', autocomplete: 'off', 'aria-label': 'API token' });
    const d = openDialog({
      id: 'token-dialog',
      title: 'This server needs its API token to save',
      body: h(
        'div',
        null,
        h('p', null, wrong ? 'That token was not accepted. Try again:' : 'Saved views are shared by everyone on this server; writing them needs the token the server was started with (API_TOKEN). Reading them does not.'),
        h('label', { class: 'field' }, h('span', null, 'API token'), input),
        h('p', { class: 'muted small' }, 'Kept in this tab only.'),
      ),
      buttons: [
        { label: 'Cancel', value: 'cancel' },
        { label: 'Save with this token', value: 'ok', primary: true },
      ],
    });
    requestAnimationFrame(() => input.focus());
    const v = await d.closed;
    return v === 'ok' && input.value.trim() ? input.value.trim() : null;
  }

  private async saveToServer(): Promise<void> {
    const name = h('input', { type: 'text', class: 'dialog-input', id: 'view-name', maxlength: 200, required: true, value: this.titleOrDefault(), 'aria-label': 'Name' });
    const d = openDialog({
      id: 'save-view-dialog',
      title: 'Save as a view on this server',
      body: h(
        'div',
        null,
        h('label', { class: 'field' }, h('span', null, 'Name'), name),
        h('p', { class: 'muted small' }, 'Everyone using this server can open it from the Investigation menu or with its short link. The canvas, notes and story are saved; the data stays in the database.'),
      ),
      buttons: [
        { label: 'Cancel', value: 'cancel' },
        { label: 'Save', value: 'save', primary: true },
      ],
    });
    requestAnimationFrame(() => name.select());
    if ((await d.closed) !== 'save' || !name.value.trim()) return;
    try {
      const doc = this.document();
      const view = await this.s.progress.track('Saving the view', this.withToken(() => viewsApi.create(name.value.trim(), doc)));
      if (!view) return;
      this.setOrigin({ type: 'view', id: view.id, name: view.name });
      this.linkDialog(view);
    } catch (e) {
      this.s.toasts.show(`Could not save the view: ${(e as Error).message}`, 'error', 10000);
    }
  }

  private async updateOnServer(): Promise<void> {
    const o = this.origin;
    if (o.type !== 'view') return;
    try {
      const view = await this.s.progress.track('Saving the view', this.withToken(() => viewsApi.update(o.id, { document: this.document() })));
      if (view) this.s.toasts.show(`Saved “${view.name}” on the server`, 'success');
    } catch (e) {
      this.s.toasts.show(`Could not update the view: ${(e as Error).message}`, 'error', 10000);
    }
  }

  private linkOf(v: SavedViewSummary): string {
    return new URL(v.link, window.location.origin).href;
  }

  private linkDialog(v: SavedViewSummary): void {
    const link = this.linkOf(v);
    const field = h('input', { type: 'text', class: 'dialog-input link-field', id: 'view-link', readonly: true, value: link, 'aria-label': 'Short link' });
    const d = openDialog({
      id: 'view-saved-dialog',
      title: `Saved “${v.name}”`,
      body: h('div', null, h('p', null, 'Its short link opens it on this server:'), field),
      buttons: [
        { label: 'Copy the link', value: 'copy' },
        { label: 'Done', value: 'done', primary: true },
      ],
      onSubmit: (value) => {
        if (value !== 'copy') return;
        void this.copy(link);
        return false;
      },
    });
    requestAnimationFrame(() => field.select());
    void d.closed;
  }

  private async copy(link: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(link);
      this.s.toasts.show('Link copied to the clipboard', 'success');
    } catch {
      this.s.toasts.show(`Copy this link: ${link}`, 'info', 15000);
    }
  }

  private async copyLink(v: SavedViewSummary): Promise<void> {
    await this.copy(this.linkOf(v));
  }

  async openView(id: string): Promise<void> {
    this.pendingView = null;
    try {
      const view = await this.s.progress.track('Opening the saved view', viewsApi.get(id));
      const r = await validate(view.document);
      if (!r.ok) throw new Error(r.message);
      await this.load(r.doc, { type: 'view', id: view.id, name: view.name });
    } catch (e) {
      const msg = e instanceof ApiError && e.status === 404 ? `No saved view “${id}” on this server (it may have been deleted)` : `Could not open the saved view: ${(e as Error).message}`;
      this.s.toasts.show(msg, 'error', 12000);
    }
  }

  private async deleteView(v: SavedViewSummary): Promise<void> {
    const d = openDialog({
      id: 'delete-view-dialog',
      title: `Delete “${v.name}”?`,
      body: h('p', null, 'It goes for everyone on this server; its link stops working. Files saved from it stay.'),
      buttons: [
        { label: 'Cancel', value: 'cancel' },
        { label: 'Delete', value: 'delete', danger: true },
      ],
    });
    if ((await d.closed) !== 'delete') return;
    try {
      const ok = await this.withToken(() => viewsApi.remove(v.id));
      if (!ok) return;
      if (this.origin.type === 'view' && this.origin.id === v.id) this.setOrigin({ type: 'none' });
      this.s.toasts.show(`Deleted “${v.name}”`, 'success');
    } catch (e) {
      this.s.toasts.show(`Could not delete the view: ${(e as Error).message}`, 'error');
    }
  }

  // ---- publishing (loaded on first use: the zip writer stays out of the main bundle) ------------

  private publishing: Promise<PublishFeature> | null = null;

  publisher(): Promise<PublishFeature> {
    this.publishing ??= import('./publish/actions.ts').then(({ PublishFeature }) => new PublishFeature(this.s, { title: () => this.titleOrDefault(), sources: (c) => this.sources(c) }));
    return this.publishing;
  }

  // ---- sources ---------------------------------------------------------------------------

  /** The sources of claims, from the server (once each). */
  async sources(claims: readonly GraphEdge[]): Promise<ReadonlyMap<string, SourceRef>> {
    const want = claims.filter((c) => c.sourceId && !this.sourceCache.has(c.sourceId));
    const seen = new Set<string>();
    const ask = want.filter((c) => !seen.has(c.sourceId!) && seen.add(c.sourceId!)).map((c) => ({ id: c.id, from: c.source }));
    for (let i = 0; i < ask.length; i += 2000) {
      const res = await viewsApi.current({ claims: ask.slice(i, i + 2000), entities: [] });
      res.sources.forEach((s) => this.sourceCache.set(s.id, s));
    }
    return this.sourceCache;
  }
}
