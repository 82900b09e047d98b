/**
 * Validates a dataset folder completely before anything is written: every
 * record against the zod schemas, ids unique, every reference resolving.
 * Memory is bounded by the number of distinct ids, not the number of records,
 * so bulk `.jsonl` datasets are validated as streams.
 */
import path from 'node:path';
import type { z } from 'zod';
import { Claim, DatasetMeta, Entity, Source } from '../model/dataset.ts';
import { ENTITY_KINDS } from '../model/kinds.ts';
import { DatasetValidationError, type DatasetIssue } from './errors.ts';
import { existsSync } from 'node:fs';
import { displayPath, isDirectory, listDataFiles, META_FILES, parseYamlFile, readFileRecords, type RawRecord, type Section } from './read.ts';

export type ValidRecord =
  | { section: 'entities'; value: Entity }
  | { section: 'sources'; value: Source }
  | { section: 'claims'; value: Claim };

export interface DatasetCounts {
  entities: number;
  sources: number;
  claims: number;
  byKind: Record<string, number>;
  byStatus: Record<string, number>;
  byType: Record<string, number>;
}

export interface DatasetPlan {
  folder: string;
  meta: DatasetMeta;
  files: string[];
  counts: DatasetCounts;
}

export interface LoadedDataset extends DatasetPlan {
  entities: Entity[];
  sources: Source[];
  claims: Claim[];
}

export interface ValidateOptions {
  /** Ids that already exist elsewhere (e.g. in the database) and may be referenced. */
  knownIds?: (ids: string[]) => Promise<Set<string>>;
  /** Dataset name to use instead of dataset.yaml's. */
  name?: string;
}

const MAX_ISSUES = 1000;

function schemaFor(section: Section): z.ZodType {
  return section === 'entities' ? Entity : section === 'sources' ? Source : Claim;
}

function recordLabel(r: RawRecord): string {
  const id = r.value && typeof r.value === 'object' ? (r.value as Record<string, unknown>).id : undefined;
  return `${r.section}[${r.index}]${typeof id === 'string' ? ` "${id}"` : ''}`;
}

function describe(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Turns zod issues into dataset issues naming file, record, line and field. */
function zodIssues(r: RawRecord, error: z.ZodError): DatasetIssue[] {
  const out: DatasetIssue[] = [];
  const value = (r.value ?? {}) as Record<string, unknown>;
  for (const issue of error.issues) {
    const p = issue.path.filter((x): x is string | number => typeof x !== 'symbol');
    let field = p.join('.');
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          file: r.file,
          record: recordLabel(r),
          line: r.lineOf([...p, key]) ?? r.line,
          field: [...p, key].join('.'),
          message: 'unknown field (misspelt? see data/README.md for the fields of each record)',
        });
      }
      continue;
    }
    if (r.section === 'entities' && p.length === 0 && issue.code === 'invalid_union') {
      field = 'kind';
      message = `expected one of ${ENTITY_KINDS.filter((k) => k !== 'source').join(', ')} (sources go in "sources:")`;
    }
    const got = p.length > 0 ? getIn(value, p) : undefined;
    if (got !== undefined && !message.includes('got')) message += `; got ${describe(got)}`;
    if (got === undefined && p.length > 0 && issue.code === 'invalid_type') message = `required: ${message}`;
    out.push({ file: r.file, record: recordLabel(r), line: r.lineOf(p) ?? r.line, field: field || undefined, message });
  }
  return out;
}

function getIn(v: unknown, p: (string | number)[]): unknown {
  let cur: unknown = v;
  for (const k of p) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

export async function readMeta(folder: string, name?: string): Promise<{ meta?: DatasetMeta; issues: DatasetIssue[] }> {
  const metaFile = META_FILES.map((f) => path.join(folder, f)).find((f) => existsSync(f));
  const fallbackName = path.basename(path.resolve(folder)).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'dataset';
  if (!metaFile) {
    return { meta: { name: name ?? fallbackName, title: path.basename(path.resolve(folder)), description: '' }, issues: [] };
  }
  const { parsed, issues } = await parseYamlFile(metaFile);
  if (!parsed) return { issues };
  const result = DatasetMeta.safeParse({ name: name ?? fallbackName, ...(parsed.doc.toJSON() ?? {}), ...(name ? { name } : {}) });
  if (!result.success) {
    return {
      issues: result.error.issues.map((i) => ({
        file: displayPath(metaFile),
        field: i.path.join('.') || undefined,
        message: i.message,
      })),
    };
  }
  return { meta: result.data, issues: [] };
}

/**
 * Validates the whole folder and returns a plan for the writer, or throws a
 * DatasetValidationError listing every problem found.
 */
export async function validateDataset(folder: string, opts: ValidateOptions = {}): Promise<DatasetPlan> {
  if (!(await isDirectory(folder))) {
    throw new DatasetValidationError([{ file: displayPath(folder), message: 'not a folder: a dataset is a folder of .yaml/.json/.jsonl files' }]);
  }
  const issues: DatasetIssue[] = [];
  const onIssue = (i: DatasetIssue) => {
    if (issues.length < MAX_ISSUES) issues.push(i);
  };
  const { meta, issues: metaIssues } = await readMeta(folder, opts.name);
  metaIssues.forEach(onIssue);
  const files = await listDataFiles(folder);
  if (files.length === 0) onIssue({ file: displayPath(folder), message: 'no data files (.yaml, .yml, .json, .jsonl) in this folder' });

  // id -> where it was first defined; claim ids kept apart from node ids.
  const nodeIds = new Map<string, string>();
  const sourceIds = new Set<string>();
  const claimIds = new Map<string, string>();
  // References not (yet) defined when seen: id -> first place that needs it.
  const pendingNode = new Map<string, DatasetIssue>();
  const pendingSource = new Map<string, DatasetIssue>();
  const counts: DatasetCounts = { entities: 0, sources: 0, claims: 0, byKind: {}, byStatus: {}, byType: {} };

  for (const file of files) {
    for await (const r of readFileRecords(file, onIssue)) {
      const where = `${r.file}${r.line ? `:${r.line}` : ''}`;
      const at = (field: string): DatasetIssue => ({ file: r.file, record: recordLabel(r), line: r.lineOf([field]) ?? r.line, field, message: '' });
      // Ids are checked for uniqueness even on records with other errors.
      const rawId = r.value && typeof r.value === 'object' ? (r.value as Record<string, unknown>).id : undefined;
      if (typeof rawId === 'string') {
        const seen = r.section === 'claims' ? claimIds : nodeIds;
        const first = seen.get(rawId);
        if (first) onIssue({ ...at('id'), message: `duplicate id "${rawId}", first defined at ${first}` });
        else seen.set(rawId, where);
      }
      const parsed = schemaFor(r.section).safeParse(r.value);
      if (!parsed.success) {
        zodIssues(r, parsed.error).forEach(onIssue);
        continue;
      }
      if (r.section === 'claims') {
        const c = parsed.data as Claim;
        for (const field of ['from', 'to', 'claimant'] as const) {
          const ref = c[field];
          if (ref !== undefined && !nodeIds.has(ref) && !pendingNode.has(ref)) {
            pendingNode.set(ref, { ...at(field), message: `"${ref}" is not an entity or source id in this dataset` });
          }
        }
        for (const field of ['sourceId', 'citedIn'] as const) {
          const ref = c[field];
          if (ref !== undefined && !sourceIds.has(ref) && !pendingSource.has(ref)) {
            pendingSource.set(ref, { ...at(field), message: `"${ref}" is not the id of a source in this dataset` });
          }
        }
        counts.claims++;
        counts.byStatus[c.status] = (counts.byStatus[c.status] ?? 0) + 1;
        counts.byType[c.type] = (counts.byType[c.type] ?? 0) + 1;
      } else {
        const e = parsed.data as Entity | Source;
        pendingNode.delete(e.id);
        if (r.section === 'sources') {
          sourceIds.add(e.id);
          pendingSource.delete(e.id);
          counts.sources++;
        } else {
          counts.entities++;
        }
        counts.byKind[e.kind] = (counts.byKind[e.kind] ?? 0) + 1;
      }
    }
  }
  // A reference to an entity defined later in the same dataset is fine; to one never defined is not.
  const unresolvedNodes = [...pendingNode].filter(([id]) => !nodeIds.has(id));
  for (const [id, issue] of pendingSource) {
    if (!sourceIds.has(id)) {
      onIssue(nodeIds.has(id) ? { ...issue, message: `"${id}" is an entity, not a source: sourceId must name a source` } : issue);
    }
  }
  if (unresolvedNodes.length > 0) {
    const known = opts.knownIds ? await opts.knownIds(unresolvedNodes.map(([id]) => id)) : new Set<string>();
    for (const [id, issue] of unresolvedNodes) if (!known.has(id)) onIssue(issue);
  }
  if (issues.length > 0 || !meta) throw new DatasetValidationError(issues);
  return { folder, meta, files, counts };
}

/** The validated records of one section, in file order (call after validateDataset). */
export async function* validatedRecords(plan: DatasetPlan, section: Section): AsyncGenerator<ValidRecord['value']> {
  const schema = schemaFor(section);
  for (const file of plan.files) {
    for await (const r of readFileRecords(file, () => {})) {
      if (r.section === section) yield schema.parse(r.value) as ValidRecord['value'];
    }
  }
}

/** Validates and reads a whole dataset into memory (for small datasets and tests). */
export async function loadDataset(folder: string, opts: ValidateOptions = {}): Promise<LoadedDataset> {
  const plan = await validateDataset(folder, opts);
  const out: LoadedDataset = { ...plan, entities: [], sources: [], claims: [] };
  for await (const v of validatedRecords(plan, 'entities')) out.entities.push(v as Entity);
  for await (const v of validatedRecords(plan, 'sources')) out.sources.push(v as Source);
  for await (const v of validatedRecords(plan, 'claims')) out.claims.push(v as Claim);
  return out;
}
