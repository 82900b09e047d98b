/**
 * The Cypher console feature. This module is small and loaded with the app;
 * the editor and its view come in with `openConsole` by dynamic import, so
 * CodeMirror and the Cypher grammar stay out of the initial bundle.
 */
import type { ConsoleActions } from './types.ts';

export type { ConsoleActions, MergeSummary, HistoryEntry } from './types.ts';

export interface ConsoleHandle {
  show(): void;
  hide(): void;
  toggle(): void;
  setQuery(q: string): void;
  readonly isOpen: boolean;
}

let loading: Promise<ConsoleHandle> | undefined;

export function openConsole(el: HTMLElement, actions: ConsoleActions): Promise<ConsoleHandle> {
  loading ??= import('./view.ts').then((m) => m.createConsole(el, actions));
  return loading;
}
