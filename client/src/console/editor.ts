/**
 * The Cypher editor: @neo4j-cypher/codemirror (syntax highlighting, linting
 * of the grammar, autocomplete of the labels, relationship types and
 * property keys that /api/schema lists), with Ctrl/Cmd+Enter to run and
 * inline marks at an error's position.
 */
import { createCypherEditor } from '@neo4j-cypher/codemirror';
import '@neo4j-cypher/codemirror/css/cypher-codemirror.css';
import { setDiagnostics } from '@codemirror/lint';
import { Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import type { SchemaInfo } from '../api/types.ts';

export interface CypherEditor {
  value(): string;
  setValue(v: string): void;
  focus(): void;
  markError(from: number, message: string): void;
  clearError(): void;
  destroy(): void;
}

export function editorSchema(schema: SchemaInfo | null) {
  return {
    labels: (schema?.labels ?? []).map((l) => `:${l.label}`),
    relationshipTypes: (schema?.relationshipTypes ?? []).map((r) => `:${r.type}`),
    propertyKeys: schema?.propertyKeys ?? [],
  };
}

export function createEditor(parent: HTMLElement, opts: { value: string; schema: SchemaInfo | null; onRun: () => void }): CypherEditor {
  const runKeys = Prec.highest(
    keymap.of([
      { key: 'Mod-Enter', run: () => (opts.onRun(), true) },
      { key: 'Shift-Enter', run: () => (opts.onRun(), true) },
    ]),
  );
  const { editor } = createCypherEditor(parent, {
    value: opts.value,
    schema: editorSchema(opts.schema),
    theme: 'light',
    lineNumbers: true,
    lineWrapping: true,
    autofocus: true,
    lint: true,
    placeholder: 'MATCH (n:Organization)-[r:FUNDED]->(m) RETURN n, r, m',
    tooltipAbsolute: true,
    preExtensions: [runKeys, EditorView.contentAttributes.of({ 'aria-label': 'Cypher query' })],
  });
  const view = editor.codemirror;
  return {
    value: () => view.state.doc.toString(),
    setValue: (v) => editor.setValue(v),
    focus: () => editor.focus(),
    markError(from, message) {
      const len = view.state.doc.length;
      const a = Math.max(0, Math.min(from, len));
      const b = Math.min(len, a + 1) || a;
      view.dispatch(setDiagnostics(view.state, [{ from: a, to: Math.max(b, a), severity: 'error', message }]));
      view.dispatch({ selection: { anchor: a }, scrollIntoView: true });
    },
    clearError() {
      view.dispatch(setDiagnostics(view.state, []));
    },
    destroy: () => editor.destroy(),
  };
}
