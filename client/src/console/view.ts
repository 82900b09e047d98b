/**
 * The console drawer (loaded on demand): the Cypher editor, Run, the query
 * history, the result table and the status line. Errors show inline: a
 * refusal says why, a syntax error is marked at its position in the editor.
 */
import { ApiError } from '../api/utils.ts';
import type { CypherResult } from '../api/types.ts';
import { kindColor } from '../theme/index.ts';
import { fill, h } from '../ui/dom.ts';
import { createEditor, type CypherEditor } from './editor.ts';
import { addToHistory, loadHistory } from './history.ts';
import type { ConsoleHandle } from './index.ts';
import type { ConsoleActions, MergeSummary } from './types.ts';
import { cell, offsetOf } from './utils.ts';

const ROW_LIMIT_SHOWN = 500;
const EXAMPLE = 'MATCH (a:Entity)-[r]->(b:Entity)\nWHERE r.status IN ["documented", "reported"]\nRETURN a, r, b\nLIMIT 50';

export function createConsole(root: HTMLElement, actions: ConsoleActions): ConsoleHandle {
  const history = h('select', { class: 'select-small', id: 'console-history', 'aria-label': 'Query history' });
  const runBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'console-run', title: 'Run (Ctrl+Enter)' }, 'Run', h('kbd', null, 'Ctrl+↵'));
  const closeBtn = h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Close console', title: 'Close console', onclick: () => actions.close() }, '×');
  const editorHost = h('div', { class: 'console-editor', id: 'console-editor' });
  const status = h('div', { class: 'console-status', role: 'status', 'aria-live': 'polite', id: 'console-status' }, 'Write a read-only query; results are added to the canvas.');
  const error = h('div', { class: 'console-error', role: 'alert', id: 'console-error', hidden: true });
  const results = h(
    'div',
    { class: 'console-results', id: 'console-results', tabindex: 0, 'aria-label': 'Query results' },
    h('p', { class: 'console-placeholder' }, 'Results appear here as a table. Nodes and relationships they return are drawn on the canvas, new ones highlighted. Queries are read-only.'),
  );

  fill(
    root,
    h(
      'div',
      { class: 'console-bar' },
      h('h2', { class: 'console-title' }, 'Cypher console'),
      runBtn,
      h('label', { class: 'sr-only', for: 'console-history' }, 'History'),
      history,
      h('span', { class: 'spacer' }),
      closeBtn,
    ),
    h('div', { class: 'console-body' }, h('div', { class: 'console-left' }, editorHost, error, status), results),
  );

  const renderHistory = (list = loadHistory()) => {
    fill(
      history,
      h('option', { value: '' }, list.length ? `History (${list.length})` : 'History (empty)'),
      list.map((e, i) => h('option', { value: String(i), title: e.query }, e.query.replace(/\s+/g, ' ').slice(0, 70))),
    );
  };
  renderHistory();

  let editor: CypherEditor | undefined;
  let running = false;

  const showError = (e: unknown, text: string) => {
    error.hidden = false;
    if (e instanceof ApiError) {
      const pos = e.position;
      const where = pos ? ` (line ${pos.line}, column ${pos.column})` : '';
      const title = e.code === 'QUERY_REFUSED' ? 'Refused' : e.status === 400 ? 'Syntax error' : e.status === 408 ? 'Timed out' : 'Error';
      fill(error, h('strong', null, `${title}${where}: `), e.message);
      error.dataset.code = e.code;
      if (pos && editor) editor.markError(offsetOf(text, pos), e.message);
    } else {
      fill(error, h('strong', null, 'Error: '), String((e as Error)?.message ?? e));
      error.dataset.code = 'CLIENT';
    }
  };

  const run = async () => {
    if (!editor || running) return;
    const text = editor.value().trim();
    if (!text) return;
    running = true;
    runBtn.disabled = true;
    root.dataset.state = 'running';
    error.hidden = true;
    editor.clearError();
    status.textContent = 'Running…';
    renderHistory(addToHistory(text));
    try {
      const { result, merge } = await actions.run(text);
      renderResult(result, merge);
      root.dataset.state = 'done';
    } catch (e) {
      showError(e, text);
      status.textContent = '';
      root.dataset.state = 'error';
    } finally {
      running = false;
      runBtn.disabled = false;
    }
  };

  const renderResult = (r: CypherResult, m: MergeSummary) => {
    const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
    const graphPart =
      m.nodes || m.claims
        ? ` · ${n(m.nodes, 'entity', 'entities')} and ${n(m.claims, 'claim', 'claims')} on the canvas` +
          (m.newNodes || m.newClaims ? ` (${n(m.newNodes, 'new entity', 'new entities')}, ${n(m.newClaims, 'new claim', 'new claims')}, highlighted)` : ', none new')
        : '';
    status.textContent = `${n(r.summary.rowCount, 'row', 'rows')}${r.truncated ? ' (truncated)' : ''}${graphPart} · ${r.summary.resultAvailableAfterMs} ms`;
    if (!r.columns.length) {
      fill(results, h('p', { class: 'muted' }, 'No columns returned.'));
      return;
    }
    const rows = r.rows.slice(0, ROW_LIMIT_SHOWN);
    fill(
      results,
      h(
        'table',
        { class: 'result-table' },
        h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'row-num' }, '#'), r.columns.map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          null,
          rows.map((row, i) =>
            h(
              'tr',
              null,
              h('td', { class: 'row-num' }, String(i + 1)),
              row.map((v) => {
                const c = cell(v);
                if (c.type === 'node')
                  return h('td', null, h('button', { type: 'button', class: 'entity-link', onclick: () => actions.select(c.id) }, h('span', { class: 'kind-dot', style: `background:${kindColor(c.kind)}` }), c.name));
                return h('td', { class: c.type === 'edge' ? 'cell-edge' : '' }, c.text);
              }),
            ),
          ),
        ),
      ),
      r.rows.length > rows.length ? h('p', { class: 'muted' }, `First ${rows.length} of ${r.rows.length} rows shown.`) : null,
    );
  };

  history.addEventListener('change', () => {
    const e = loadHistory()[Number(history.value)];
    if (e && editor) {
      editor.setValue(e.query);
      editor.focus();
    }
    history.value = '';
  });
  runBtn.addEventListener('click', () => void run());

  const handle: ConsoleHandle = {
    show() {
      root.hidden = false;
      document.body.classList.add('console-open');
      if (!editor) editor = createEditor(editorHost, { value: loadHistory()[0]?.query ?? EXAMPLE, schema: actions.schema(), onRun: () => void run() });
      document.getElementById('console-button')?.setAttribute('aria-expanded', 'true');
      editor.focus();
      window.dispatchEvent(new Event('resize'));
    },
    hide() {
      root.hidden = true;
      document.body.classList.remove('console-open');
      document.getElementById('console-button')?.setAttribute('aria-expanded', 'false');
      window.dispatchEvent(new Event('resize'));
    },
    toggle() {
      if (root.hidden) handle.show();
      else handle.hide();
    },
    setQuery(q: string) {
      if (!editor) handle.show();
      editor?.setValue(q);
    },
    get isOpen() {
      return !root.hidden;
    },
  };
  root.dataset.ready = 'true';
  return handle;
}
