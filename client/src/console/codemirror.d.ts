/**
 * The part of @neo4j-cypher/codemirror this client uses. The package ships
 * typings, but its `exports` map does not point at them, so TypeScript's
 * NodeNext resolution cannot find them; and at run time createCypherEditor
 * returns `{ editor }` where the shipped typings say it returns the editor.
 */
declare module '@neo4j-cypher/codemirror' {
  import type { Extension } from '@codemirror/state';
  import type { EditorView } from '@codemirror/view';

  export interface EditorApi {
    codemirror: EditorView;
    setValue(value?: string, parseOnSetValue?: boolean): void;
    focus(): void;
    destroy(): void;
  }

  export interface EditorOptions {
    value?: string;
    schema?: { labels?: string[]; relationshipTypes?: string[]; propertyKeys?: string[] };
    theme?: 'light' | 'dark' | 'auto';
    lineNumbers?: boolean;
    lineWrapping?: boolean;
    autofocus?: boolean;
    lint?: boolean;
    placeholder?: string;
    tooltipAbsolute?: boolean;
    preExtensions?: Extension[];
    postExtensions?: Extension[];
  }

  export function createCypherEditor(parent: Element | DocumentFragment, options: EditorOptions): { editor: EditorApi };
}
