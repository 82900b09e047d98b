/**
 * Investigations, the pure part: the document from the working state
 * (ExplorerState.save()) and back, and what reopening one finds changed
 * against the database. No DOM, no sigma (unit-tested in Node).
 *
 * @example
 *   const doc = documentOf(state.save(), 'MEK lobbying, 2012', new Date());
 *   // later, reopened:
 *   const { report, saved } = reconcile(doc, await currentOf(doc));
 *   state.load(saved); // the rest, as it is now
 */
import type { GraphEdge, GraphNode } from '../api/types.ts';
import { DEFAULT_FILTERS } from '../filters/types.ts';
import type { SavedState } from '../state/types.ts';
import { claimHash } from '../../../shared/investigation/claim-hash.ts';
import { INVESTIGATION_FORMAT, INVESTIGATION_VERSION } from '../../../shared/investigation/format.ts';
import type { ChangedClaim, CurrentClaims, InvestigationDocument, ReopenReport } from './types.ts';

export type * from './types.ts';
export { claimHash };

/** A short random id (`n-…` for notes, `s-…` for steps): getRandomValues works where randomUUID does not (plain-HTTP pages). */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return `${prefix}-${[...bytes].map((b) => b.toString(36).padStart(2, '0')).join('').slice(0, 12)}`;
}

/** The datasets an entity or claim came from (its `datasets` property). */
export function datasetsOf(props: Record<string, unknown>): string[] {
  const d = props.datasets;
  return Array.isArray(d) ? d.filter((x): x is string => typeof x === 'string') : typeof d === 'string' ? [d] : [];
}

/** The document of a working state: the state itself, and every entity's and claim's id, datasets and (claims) hash. */
export function documentOf(saved: SavedState, title: string, savedAt: Date): InvestigationDocument {
  const datasets = new Set<string>();
  const entities = saved.nodes.map((n) => {
    const ds = datasetsOf(n.entity.properties);
    ds.forEach((d) => datasets.add(d));
    return { id: n.entity.id, datasets: ds };
  });
  const claims = saved.claims.map((c) => {
    const ds = datasetsOf(c.properties);
    ds.forEach((d) => datasets.add(d));
    return { id: c.id, datasets: ds, hash: claimHash(c) };
  });
  return {
    format: INVESTIGATION_FORMAT,
    version: INVESTIGATION_VERSION,
    title: title.trim() || 'Untitled investigation',
    savedAt: savedAt.toISOString(),
    datasets: [...datasets].sort(),
    entities,
    claims,
    state: saved,
  };
}

/** The working state of a validated document, with the filters a later claimgraph added filled with their defaults. */
export function savedStateOf(doc: InvestigationDocument): SavedState {
  const s = doc.state;
  return { ...s, filters: { ...DEFAULT_FILTERS, ...s.filters } } as SavedState;
}

/** The requests that look the document's claims and entities up (POST /api/claims/current), within the API's bounds. */
export function currentRequests(doc: InvestigationDocument, maxClaims = 2000, maxEntities = 4000): { claims: { id: string; from: string }[]; entities: string[] }[] {
  const out: { claims: { id: string; from: string }[]; entities: string[] }[] = [];
  const claims = doc.state.claims.map((c) => ({ id: c.id, from: c.source }));
  for (let i = 0; i < claims.length; i += maxClaims) out.push({ claims: claims.slice(i, i + maxClaims), entities: [] });
  const ids = doc.state.nodes.map((n) => n.entity.id);
  for (let i = 0; i < ids.length; i += maxEntities) out.push({ claims: [], entities: ids.slice(i, i + maxEntities) });
  return out;
}

/** The answers to several lookups as one. */
export function mergeCurrent(parts: readonly CurrentClaims[]): CurrentClaims {
  const sources = new Map<string, CurrentClaims['sources'][number]>();
  for (const p of parts) for (const s of p.sources) sources.set(s.id, s);
  return {
    claims: parts.flatMap((p) => p.claims),
    missingClaims: parts.flatMap((p) => p.missingClaims),
    entities: parts.flatMap((p) => p.entities),
    missingEntities: parts.flatMap((p) => p.missingEntities),
    sources: [...sources.values()],
  };
}

/** The properties (and type, ends, status, source, quote) in which two forms of a claim differ. */
export function changedFields(a: GraphEdge, b: GraphEdge): string[] {
  const out: string[] = [];
  for (const k of ['type', 'source', 'target', 'status', 'sourceId', 'quote'] as const) if (a[k] !== b[k]) out.push(k);
  const keys = new Set([...Object.keys(a.properties), ...Object.keys(b.properties)]);
  for (const k of [...keys].sort()) {
    if (['status', 'sourceId', 'quote', 'datasets', 'dateMin', 'dateMax'].includes(k) || out.includes(k)) continue;
    if (JSON.stringify(a.properties[k]) !== JSON.stringify(b.properties[k])) out.push(k);
  }
  return out;
}

/**
 * Compares a reopened document with the database: claims whose hash differs
 * changed (the canvas gets their current form), claims and entities not
 * found vanished (the canvas drops them, and claims touching a vanished
 * entity). Returns the list to show the user and the state to load.
 */
export function reconcile(doc: InvestigationDocument, current: CurrentClaims, knownDatasets: readonly string[] | null): { report: ReopenReport; saved: SavedState } {
  const saved = savedStateOf(doc);
  const names = new Map(saved.nodes.map((n) => [n.entity.id, n.entity.name] as const));
  const savedHash = new Map(doc.claims.map((c) => [c.id, c.hash] as const));
  const now = new Map(current.claims.map((c) => [c.claim.id, c] as const));
  const goneEntities = new Set(current.missingEntities);
  const entityNow = new Map(current.entities.map((e) => [e.id, e] as const));

  const changed: ChangedClaim[] = [];
  const vanishedClaims: GraphEdge[] = [];
  const claims: GraphEdge[] = [];
  for (const c of saved.claims) {
    const cur = now.get(c.id);
    if (!cur || goneEntities.has(c.source) || goneEntities.has(c.target)) {
      vanishedClaims.push(c);
      continue;
    }
    const hash = savedHash.get(c.id) ?? claimHash(c);
    if (cur.hash !== hash) {
      changed.push({ id: c.id, saved: c, current: cur.claim, fields: changedFields(c, cur.claim) });
      claims.push(cur.claim);
    } else claims.push(c);
  }
  const vanishedEntities: GraphNode[] = saved.nodes.filter((n) => goneEntities.has(n.entity.id)).map((n) => n.entity);
  const nodes = saved.nodes.filter((n) => !goneEntities.has(n.entity.id)).map((n) => ({ ...n, entity: entityNow.get(n.entity.id) ?? n.entity }));
  const missingDatasets = knownDatasets ? doc.datasets.filter((d) => !knownDatasets.includes(d)) : [];
  return {
    report: { changed, vanishedClaims, vanishedEntities, missingDatasets, unchecked: null, names },
    saved: { ...saved, nodes, claims },
  };
}

/** The report when the database could not be asked: everything shows as saved. */
export function uncheckedReport(doc: InvestigationDocument, why: string): ReopenReport {
  return { changed: [], vanishedClaims: [], vanishedEntities: [], missingDatasets: [], unchecked: why, names: new Map(doc.state.nodes.map((n) => [n.entity.id, n.entity.name] as const)) };
}

/** Whether a report has anything to say. */
export function reportIsEmpty(r: ReopenReport): boolean {
  return !r.unchecked && !r.changed.length && !r.vanishedClaims.length && !r.vanishedEntities.length && !r.missingDatasets.length;
}

/** The report as plain text (to copy or download): one line per claim, with what changed. */
export function reportText(r: ReopenReport, title: string, savedAt: string): string {
  const name = (id: string) => r.names.get(id) ?? id;
  const claimLine = (c: GraphEdge) => `${name(c.source)} → ${c.type} → ${name(c.target)} (claim ${c.id})`;
  const lines = [`${title}: saved ${savedAt.slice(0, 10)}, compared with the database on ${new Date().toISOString().slice(0, 10)}`, ''];
  if (r.unchecked) lines.push(`Not checked: ${r.unchecked}`, '');
  if (r.missingDatasets.length) lines.push(`Datasets this server does not hold: ${r.missingDatasets.join(', ')}`, '');
  if (r.changed.length) {
    lines.push(`Changed since saved (${r.changed.length}):`);
    for (const c of r.changed) {
      lines.push(`- ${claimLine(c.current)}: ${c.fields.join(', ') || 'properties'}`);
      for (const f of c.fields.filter((x) => x === 'quote' || x === 'status' || x === 'sourceId')) {
        lines.push(`    ${f} was: ${String(c.saved[f] ?? '(none)')}`, `    ${f} now: ${String(c.current[f] ?? '(none)')}`);
      }
    }
    lines.push('');
  }
  if (r.vanishedClaims.length) {
    lines.push(`No longer in the database (${r.vanishedClaims.length} claims):`);
    for (const c of r.vanishedClaims) lines.push(`- ${claimLine(c)}: "${c.quote ?? ''}"`);
    lines.push('');
  }
  if (r.vanishedEntities.length) {
    lines.push(`Entities no longer in the database (${r.vanishedEntities.length}):`);
    for (const e of r.vanishedEntities) lines.push(`- ${e.name} (${e.id})`);
  }
  return lines.join('\n').trimEnd() + '\n';
}
