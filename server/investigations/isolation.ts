/**
 * Saved views live in the data's database (Neo4j Community has one user
 * database) but are not data. They are nodes labelled :SavedView (never
 * :Entity), with properties named `savedView*`, and no relationships.
 *
 * What keeps them out of everything that reads data:
 *   - Built-in reads (overview, search, entity, neighbourhood, paths, schema
 *     counts, exports of ids, neighbourhoods or `all`) match :Entity or
 *     relationships only: they never reach a saved view.
 *   - `/api/schema` lists property keys from the token store (db.propertyKeys),
 *     which knows the saved views' keys: `withoutSavedViewKeys` drops them.
 *   - Ad-hoc Cypher (`/api/cypher`, an export's Cypher selection,
 *     `claimgraph query`) goes through the safe-Cypher layer, which calls the
 *     two functions below: `savedViewRefusal` refuses (403) a query whose text
 *     names the label or a `savedView*` property, as a label, property, string
 *     or backticked name, or passes one as a parameter value; and
 *     `withoutSavedViews` drops every result row that holds a saved view (a
 *     node, a path through one, a map of its properties, the label's or a
 *     property's name, as `labels(n)`, `keys(n)`, `db.labels()` or
 *     `SHOW CONSTRAINTS` return them) and removes them from lists inside rows
 *     that hold data too (`collect(n)`, `db.schema.visualization()`). So
 *     `MATCH (n) RETURN n` returns the data's nodes only.
 *
 * What a query can still see (documented in README.md): an unlabelled
 * pattern visits saved views, so `MATCH (n) RETURN count(n)` counts them and
 * `MATCH (n) RETURN n.name` has a null row for each. Their content is not
 * secret (GET /api/views lists them to anyone); the rule is that data reads
 * never show them as data.
 */
import neo4j, { Record as Neo4jRecord, type Node, type Path } from 'neo4j-driver';

export const SAVED_VIEW_LABEL = 'SavedView';

/** Every property of a :SavedView node (cypher/investigations/*.cypher write exactly these). */
export const SAVED_VIEW_KEYS = [
  'savedViewId',
  'savedViewName',
  'savedViewTitle',
  'savedViewDocument',
  'savedViewCreatedAt',
  'savedViewUpdatedAt',
  'savedViewBytes',
  'savedViewDatasets',
  'savedViewNotes',
  'savedViewSteps',
] as const;

/** Names no ad-hoc query may use: the label and every property start with it (case-insensitive). */
const RESERVED_PREFIX = 'savedview';
const HIDDEN_STRINGS = new Set<string>([SAVED_VIEW_LABEL, ...SAVED_VIEW_KEYS]);
const HIDDEN_KEYS = new Set<string>(SAVED_VIEW_KEYS);

const reserved = (s: string) => s.toLowerCase().startsWith(RESERVED_PREFIX);

function refusal(name: string): string {
  return `saved views are not data: a query may not name :${SAVED_VIEW_LABEL} or its properties (${name}); list them with GET /api/views`;
}

/** A lexed token as the safe-Cypher layer makes them (words, backticked names, strings, parameters, punctuation). */
export interface TokenLike {
  kind: string;
  text: string;
}

/**
 * Why an ad-hoc query is refused for reaching into saved views, or null:
 * a word, backticked name or string starting with `savedView` (the label,
 * its properties), or such a string among the parameter values.
 */
export function savedViewRefusal(tokens: readonly TokenLike[], params?: Record<string, unknown>): string | null {
  for (const t of tokens) {
    if ((t.kind === 'word' || t.kind === 'quoted' || t.kind === 'string') && reserved(t.text)) return refusal(t.text);
  }
  const seen: unknown[] = [];
  const visit = (v: unknown): string | null => {
    if (typeof v === 'string') return reserved(v) ? v : null;
    if (v === null || typeof v !== 'object' || seen.includes(v)) return null;
    seen.push(v);
    for (const x of Array.isArray(v) ? v : [...Object.keys(v), ...Object.values(v)]) {
      const hit = visit(x);
      if (hit) return hit;
    }
    return null;
  };
  const hit = params ? visit(params) : null;
  return hit ? refusal(`parameter value "${hit}"`) : null;
}

type Cleaned = { hidden: true } | { hidden: false; value: unknown };
const KEEP = (value: unknown): Cleaned => ({ hidden: false, value });
const HIDE: Cleaned = { hidden: true };

function isViewNode(n: Node): boolean {
  return n.labels.includes(SAVED_VIEW_LABEL);
}

/** A value with saved views taken out of its lists, or hidden when it is (or holds, outside a list) a saved view. */
function clean(v: unknown): Cleaned {
  if (v === null || v === undefined) return KEEP(v);
  if (typeof v === 'string') return HIDDEN_STRINGS.has(v) ? HIDE : KEEP(v);
  if (typeof v !== 'object') return KEEP(v);
  if (neo4j.isNode(v as never)) return isViewNode(v as Node) ? HIDE : KEEP(v);
  if (neo4j.isRelationship(v as never)) return KEEP(v);
  if (neo4j.isPath(v as never)) {
    const p = v as Path;
    return isViewNode(p.start) || isViewNode(p.end) || p.segments.some((s) => isViewNode(s.start) || isViewNode(s.end)) ? HIDE : KEEP(v);
  }
  if (Array.isArray(v)) {
    let changed = false;
    const out: unknown[] = [];
    for (const x of v) {
      const c = clean(x);
      if (c.hidden) changed = true;
      else {
        if (c.value !== x) changed = true;
        out.push(c.value);
      }
    }
    // A list of nothing but saved views (labels(n), keys(n) of one) is one.
    if (v.length > 0 && out.length === 0) return HIDE;
    return KEEP(changed ? out : v);
  }
  if (neo4j.isInt(v) || (v as object).constructor !== Object) return KEEP(v); // integers, temporals, points
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (HIDDEN_KEYS.has(k)) return HIDE; // properties(n) of a saved view
    const c = clean(x);
    if (c.hidden) return HIDE;
    if (c.value !== x) changed = true;
    out[k] = c.value;
  }
  return KEEP(changed ? out : v);
}

/**
 * The record without saved views: null when a column holds one (the row is
 * dropped), the same record when nothing was in it, else a copy with them
 * taken out of its lists.
 */
export function withoutSavedViews(record: Neo4jRecord): Neo4jRecord | null {
  let changed = false;
  const values: unknown[] = [];
  for (const key of record.keys) {
    const v = record.get(key);
    const c = clean(v);
    if (c.hidden) return null;
    if (c.value !== v) changed = true;
    values.push(c.value);
  }
  return changed ? new Neo4jRecord(record.keys, values) : record;
}

/** The schema's property keys without the saved views' (db.propertyKeys lists every key ever stored). */
export function withoutSavedViewKeys<T extends { propertyKeys: string[] }>(schema: T): T {
  return { ...schema, propertyKeys: schema.propertyKeys.filter((k) => !HIDDEN_KEYS.has(k)) };
}
