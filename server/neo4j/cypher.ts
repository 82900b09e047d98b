/**
 * Every Cypher statement the app runs lives in cypher/*.cypher; this module
 * loads them by name. Parameters are always passed as parameters. The only
 * text substitution is of a label or relationship type taken from the fixed
 * vocabularies in server/model (Cypher cannot parameterize them in MERGE with
 * index use), checked here against those lists.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KIND_LABELS } from '../model/kinds.ts';
import { RELATION_TYPES } from '../model/vocabulary.ts';

export const CYPHER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cypher');

const cache = new Map<string, string>();

/** The text of cypher/<name>.cypher. */
export function cypher(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(CYPHER_DIR, `${name}.cypher`), 'utf8').trim();
    cache.set(name, text);
  }
  return text;
}

/** Splits a file of several statements (each ending with `;` at a line end), dropping comment lines. */
export function statements(name: string): string[] {
  return cypher(name)
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const LABELS = new Set<string>(Object.values(KIND_LABELS));
const TYPES = new Set<string>(RELATION_TYPES);

/** Fills `__LABEL__` with a kind label from the fixed list. */
export function withLabel(text: string, label: string): string {
  if (!LABELS.has(label)) throw new Error(`not a kind label: ${label}`);
  return text.replaceAll('__LABEL__', label);
}

/** Fills `__TYPE__` with a relationship type from the fixed vocabulary. */
export function withType(text: string, type: string): string {
  if (!TYPES.has(type)) throw new Error(`not a relationship type: ${type}`);
  return text.replaceAll('__TYPE__', type);
}
