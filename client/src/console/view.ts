/**
 * The console drawer (loaded on demand): the Cypher editor, Run, the query
 * history, the result table and the status line. Errors show inline: a
 * refusal says why, a syntax error is marked at its position in the editor.
 */
import { ApiError } from '../api/errors.ts';
import type { CypherResult } from '../api/types.ts';
import { kindColor } from '../theme/index.ts';
import { fill, h } from '../ui/dom.ts';
import { createEditor, type CypherEditor } from './editor.ts';
import { addToHistory, loadHistory } from './history.ts';
import type { ConsoleHandle } from './index.ts';
import type { ConsoleActions, HistoryEntry, MergeSummary } from './types.ts';
import { cell, offsetOf } from './text.ts';

const ROW_LIMIT_SHOWN = 500;
const EXAMPLE = 'MATCH (a:Entity)-[r]->(b:Entity)\nWHERE r.status IN ["documented", "reported"]\nRETURN a, r, b\nLIMIT 50';

const plural = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;

/** The status line after a run: rows, what it did to the canvas, time. */
export function resultStatus(r: CypherResult, m: MergeSummary): string {
  const graphPart =
    m.nodes || m.claims
      ? ` · ${plural(m.nodes, 'entity', 'entities')} and ${plural(m.claims, 'claim', 'claims')} on the canvas` +
        (m.newNodes || m.newClaims ? ` (${plural(m.newNodes, 'new entity', 'new entities')}, ${plural(m.newClaims, 'new claim', 'new claims')}, highlighted)` : ', none new')
      : '';
  return `${plural(r.summary.rowCount, 'row', 'rows')}${r.truncated ? ' (truncated)' : ''}${graphPart} · ${r.summary.resultAvailableAfterMs} ms`;
}

/** The result table (the first rows); entities in it are links that select them. */
function resultTable(r: CypherResult, select: (id: string) => void): (Node | null)[] {
  if (!r.columns.length) return [h('p', { class: 'muted' }, 'No columns returned.')];
  const rows = r.rows.slice(0, ROW_LIMIT_SHOWN);
  const td = (v: unknown) => {
    const c = cell(v);
    if (c.type === 'node')
      return h('td', null, h('button', { type: 'button', class: 'entity-link', onclick: () => select(c.id) }, h('span', { class: 'kind-dot', style: `background:${kindColor(c.kind)}` }), c.name));
    return h('td', { class: c.type === 'edge' ? 'cell-edge' : '' }, c.text);
  };
  return [
    h(
      'table',
      { class: 'result-table' },
      h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'row-num' }, '#'), r.columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, rows.map((row, i) => h('tr', null, h('td', { class: 'row-num' }, String(i + 1)), row.map(td)))),
    ),
    r.rows.length > rows.length ? h('p', { class: 'muted' }, `First ${rows.length} of ${r.rows.length} rows shown.`) : null,
  ];
}

/** How an error reads: "Refused", "Syntax error (line 2, column 9)", ... */
function errorTitle(e: ApiError): string {
  const pos = e.position;
  const where = pos ? ` (line ${pos.line}, column ${pos.column})` : '';
  const title = e.code === 'QUERY_REFUSED' ? 'Refused' : e.status === 400 ? 'Syntax error' : e.status === 408 ? 'Timed out' : 'Error';
  return `${title}${where}: `;
}

class ConsoleView implements ConsoleHandle {
  private readonly history = h('select', { class: 'select-small', id: 'console-history', 'aria-label': 'Query history' });
  private readonly runBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'console-run', title: 'Run (Ctrl+Enter)' }, 'Run', h('kbd', null, 'Ctrl+↵'));
  private readonly editorHost = h('div', { class: 'console-editor', id: 'console-editor' });
  private readonly status = h('div', { class: 'console-status', role: 'status', 'aria-live': 'polite', id: 'console-status' }, 'Write a read-only query; results are added to the canvas.');
  private readonly error = h('div', { class: 'console-error', role: 'alert', id: 'console-error', hidden: true });
  private readonly results = h(
    'div',
    { class: 'console-results', id: 'console-results', tabindex: 0, 'aria-label': 'Query results' },
    h('p', { class: 'console-placeholder' }, 'Results appear here as a table. Nodes and relationships they return are drawn on the canvas, new ones highlighted. Queries are read-only.'),
  );
  private editor: CypherEditor | undefined;
  private running = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly actions: ConsoleActions,
  ) {
    const closeBtn = h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Close console', title: 'Close console', onclick: () => actions.close() }, '×');
    fill(
      root,
      h('div', { class: 'console-bar' }, h('h2', { class: 'console-title' }, 'Cypher console'), this.runBtn, h('label', { class: 'sr-only', for: 'console-history' }, 'History'), this.history, h('span', { class: 'spacer' }), closeBtn),
      h('div', { class: 'console-body' }, h('div', { class: 'console-left' }, this.editorHost, this.error, this.status), this.results),
    );
    this.renderHistory();
    this.history.addEventListener('change', () => {
      const e = loadHistory()[Number(this.history.value)];
      if (e && this.editor) {
        this.editor.setValue(e.query);
        this.editor.focus();
      }
      this.history.value = '';
    });
    this.runBtn.addEventListener('click', () => void this.run());
    root.dataset.ready = 'true';
  }

  private renderHistory(list: HistoryEntry[] = loadHistory()): void {
    fill(
      this.history,
      h('option', { value: '' }, list.length ? `History (${list.length})` : 'History (empty)'),
      list.map((e, i) => h('option', { value: String(i), title: e.query }, e.query.replace(/\s+/g, ' ').slice(0, 70))),
    );
  }

  private showError(e: unknown, text: string): void {
    const error = this.error;
    error.hidden = false;
    if (e instanceof ApiError) {
      fill(error, h('strong', null, errorTitle(e)), e.message);
      error.dataset.code = e.code;
      const pos = e.position;
      if (pos && this.editor) this.editor.markError(offsetOf(text, pos), e.message);
    } else {
      fill(error, h('strong', null, 'Error: '), String((e as Error)?.message ?? e));
      error.dataset.code = 'CLIENT';
    }
  }

  private async run(): Promise<void> {
    const editor = this.editor;
    if (!editor || this.running) return;
    const text = editor.value().trim();
    if (!text) return;
    this.running = true;
    this.runBtn.disabled = true;
    this.root.dataset.state = 'running';
    this.error.hidden = true;
    editor.clearError();
    this.status.textContent = 'Running…';
    this.renderHistory(addToHistory(text));
    try {
      const { result, merge } = await this.actions.run(text);
      this.status.textContent = resultStatus(result, merge);
      fill(this.results, resultTable(result, (id) => this.actions.select(id)));
      this.root.dataset.state = 'done';
    } catch (e) {
      this.showError(e, text);
      this.status.textContent = '';
      this.root.dataset.state = 'error';
    } finally {
      this.running = false;
      this.runBtn.disabled = false;
    }
  }

  show(): void {
    this.root.hidden = false;
    document.body.classList.add('console-open');
    // Built once the drawer is visible: the editor measures itself.
    this.editor ??= createEditor(this.editorHost, { value: loadHistory()[0]?.query ?? EXAMPLE, schema: this.actions.schema(), onRun: () => void this.run() });
    document.getElementById('console-button')?.setAttribute('aria-expanded', 'true');
    this.editor.focus();
    window.dispatchEvent(new Event('resize'));
  }

  hide(): void {
    this.root.hidden = true;
    document.body.classList.remove('console-open');
    document.getElementById('console-button')?.setAttribute('aria-expanded', 'false');
    window.dispatchEvent(new Event('resize'));
  }

  toggle(): void {
    if (this.root.hidden) this.show();
    else this.hide();
  }

  setQuery(q: string): void {
    if (!this.editor) this.show();
    this.editor?.setValue(q);
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }
}

export function createConsole(root: HTMLElement, actions: ConsoleActions): ConsoleHandle {
  return new ConsoleView(root, actions);
}
