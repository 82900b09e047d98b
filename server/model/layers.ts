/**
 * Datasets are layers: what each dataset says about a record (an entity,
 * source or claim that several datasets share by id) stays its own, and the
 * record's plain properties are computed from the layers, so that removing a
 * dataset restores exactly what was there before it.
 *
 * How a record is stored:
 * - written by one dataset (nearly all records): its plain properties are
 *   that dataset's values, nothing else (`datasets: [name]`);
 * - shared by several: the plain properties hold the **effective** values
 *   (below), `datasets` lists the datasets in layer order, and `_layers`
 *   holds every dataset's own values as a JSON string
 *   (`{"mek-network": {"name": ..., "country": ...}, "other": {...}}`);
 * - when all but one dataset are removed again, it goes back to the first
 *   form: exactly that dataset's values.
 *
 * Effective values, per property: the value of the first layer that sets it
 * (not empty: not "", false, [] or null), else the first layer's; layers are
 * in the order their datasets were first imported (`:Dataset.since`), so the
 * earliest import wins whatever the order of later imports, re-imports and
 * `--replace`. Except: `aliases` gather every layer's aliases and the names
 * later layers give (as aliases), and the kind (its label) is the first
 * layer's. Properties whose name starts with `_` (and `datasets`) are the
 * importer's bookkeeping, never a dataset's value: they are kept as they are.
 *
 * This module is pure (no Neo4j), in the model so that every layer reads
 * records the same way: the importer's strategies read a shared record, call
 * `withLayer`/`withoutLayer`, and write `composeRecord`'s properties back
 * (server/import/write/layering.ts, cypher/import/layer-*.cypher); any other
 * writer (the bulk strategy) gets the same stored form from the same
 * functions; the entity detail (server/reads/entity.ts) shows `layersOf` and
 * `conflictsOf`.
 */
import { KIND_LABELS, type EntityKind } from './kinds.ts';

/** A record's properties, as the importer writes them. */
export type Props = Record<string, unknown>;

/** The property holding every dataset's own values of a shared record (a JSON string). */
export const LAYERS_KEY = '_layers';

/** One dataset's own values of a record (without `id` and `datasets`). */
export type Layer = Props;
/** The layers of a record, in order: earliest dataset first. */
export type Layers = [dataset: string, values: Layer][];

/** The importer's bookkeeping: `datasets` and every `_name`; never part of a layer. */
export function isBookkeeping(key: string): boolean {
  return key === 'datasets' || key.startsWith('_');
}

/** Whether a value says something (an empty string, false, an empty list or null do not). */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0);
}

/** A dataset's layer from the properties it would write alone (entityProps, claimProps). */
export function layerOf(props: Props): Layer {
  const out: Layer = {};
  for (const [k, v] of Object.entries(props)) if (k !== 'id' && !isBookkeeping(k) && v !== undefined && v !== null) out[k] = v;
  return out;
}

function datasetsOf(stored: Props): string[] {
  const ds = stored.datasets;
  return Array.isArray(ds) ? ds.map(String) : [];
}

/**
 * The layers of a stored record: its `_layers`, or, for a record one dataset
 * wrote, that dataset's values (its plain properties). A shared record
 * written before layers existed has no `_layers`: its plain properties count
 * as its first dataset's, the others' as empty.
 */
export function layersOf(stored: Props): Layers {
  const raw = stored[LAYERS_KEY];
  const ds = datasetsOf(stored);
  if (typeof raw === 'string') {
    const parsed = JSON.parse(raw) as Record<string, Layer>;
    // `datasets` carries the order (JSON objects keep it too, but say so once).
    const order = ds.filter((d) => d in parsed);
    for (const d of Object.keys(parsed)) if (!order.includes(d)) order.push(d);
    return order.map((d) => [d, parsed[d]!]);
  }
  if (ds.length === 0) return [];
  return ds.map((d, i) => [d, i === 0 ? layerOf(stored) : {}]);
}

/**
 * The layers with `dataset`'s replaced (in place) or added: before the first
 * layer of a dataset imported later (`rank`: smaller is earlier; a dataset
 * without a rank counts as the latest).
 */
export function withLayer(layers: Layers, dataset: string, values: Layer, rank: (dataset: string) => number | undefined = () => undefined): Layers {
  const at = layers.findIndex(([d]) => d === dataset);
  if (at >= 0) return layers.map((l, i) => (i === at ? [dataset, values] : l));
  const mine = rank(dataset) ?? Number.POSITIVE_INFINITY;
  const before = layers.findIndex(([d]) => (rank(d) ?? Number.POSITIVE_INFINITY) > mine);
  const out = [...layers];
  out.splice(before < 0 ? out.length : before, 0, [dataset, values]);
  return out;
}

export function withoutLayer(layers: Layers, dataset: string): Layers {
  return layers.filter(([d]) => d !== dataset);
}

/** The effective values of layers (see the module comment). */
export function effectiveValues(layers: Layers): Layer {
  const out: Layer = {};
  if (layers.length === 0) return out;
  const keys = new Set<string>();
  for (const [, values] of layers) for (const k of Object.keys(values)) keys.add(k);
  for (const k of keys) {
    if (k === 'aliases' || k === 'name' || k === 'kind') continue;
    const setBy = layers.find(([, v]) => isSet(v[k]));
    const from = setBy ?? layers.find(([, v]) => v[k] !== undefined)!;
    out[k] = from[1][k];
  }
  const [, first] = layers[0]!;
  if (first.name !== undefined) out.name = first.name;
  else {
    const named = layers.find(([, v]) => v.name !== undefined);
    if (named) out.name = named[1].name;
  }
  const kind = layers.find(([, v]) => v.kind !== undefined);
  if (kind) out.kind = kind[1].kind;
  if (layers.some(([, v]) => v.aliases !== undefined)) out.aliases = mergedAliases(layers, out.name);
  return out;
}

/** The first layer's aliases as they are, then the later layers' names and aliases that are new. */
function mergedAliases(layers: Layers, name: unknown): string[] {
  const [, first] = layers[0]!;
  const out = Array.isArray(first.aliases) ? (first.aliases as unknown[]).map(String) : [];
  const seen = new Set(out);
  for (const [, v] of layers.slice(1)) {
    const names = [v.name, ...(Array.isArray(v.aliases) ? (v.aliases as unknown[]) : [])];
    for (const a of names) {
      if (typeof a !== 'string' || a === name || seen.has(a)) continue;
      seen.add(a);
      out.push(a);
    }
  }
  return out;
}

/**
 * The properties to store for a record with these layers: the effective
 * values, `id`, `datasets` in layer order, `_layers` when there are several,
 * and the bookkeeping properties it had (`kept`, other than `_layers`).
 * With one layer this is exactly what that dataset writes alone.
 */
export function composeRecord(id: string, layers: Layers, kept: Props = {}): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(kept)) if (isBookkeeping(k) && k !== LAYERS_KEY && k !== 'datasets') out[k] = v;
  Object.assign(out, effectiveValues(layers), { id, datasets: layers.map(([d]) => d) });
  if (layers.length > 1) out[LAYERS_KEY] = JSON.stringify(Object.fromEntries(layers));
  return out;
}

/** The kind label of a composed entity (its effective kind). */
export function labelOfProps(props: Props): string | undefined {
  return typeof props.kind === 'string' ? KIND_LABELS[props.kind as EntityKind] : undefined;
}

/** Properties two or more layers set to different values (`aliases` gather, so never conflict). */
export interface Conflict {
  property: string;
  values: { dataset: string; value: unknown }[];
}

/** Properties the importer derives from others (a claim's date bounds from start/end/date): their sources' conflicts say it. */
const DERIVED = new Set(['dateMin', 'dateMax']);

export function conflictsOf(layers: Layers): Conflict[] {
  if (layers.length < 2) return [];
  const keys = new Set<string>();
  for (const [, values] of layers) for (const k of Object.keys(values)) keys.add(k);
  const out: Conflict[] = [];
  for (const k of [...keys].sort()) {
    if (k === 'aliases' || DERIVED.has(k)) continue;
    const values = layers.filter(([, v]) => isSet(v[k])).map(([dataset, v]) => ({ dataset, value: v[k] }));
    if (new Set(values.map((x) => JSON.stringify(x.value))).size > 1) out.push({ property: k, values });
  }
  return out;
}
