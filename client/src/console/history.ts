/** Query history kept across reloads (localStorage), newest first, without repeats. */
import type { HistoryEntry } from './types.ts';

const KEY = 'claimgraph.console.history';
const MAX = 50;

export function loadHistory(): HistoryEntry[] {
  try {
    const raw = localStorage.getItem(KEY);
    const list = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(list) ? list.filter((e): e is HistoryEntry => typeof e?.query === 'string' && typeof e?.at === 'string') : [];
  } catch {
    return [];
  }
}

export function addToHistory(query: string): HistoryEntry[] {
  const q = query.trim();
  const list = [{ query: q, at: new Date().toISOString() }, ...loadHistory().filter((e) => e.query !== q)].slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    /* storage full or disabled: history lives for this page only */
  }
  return list;
}
