/**
 * Validates a dataset completely before anything is written: every record
 * against the zod schemas, ids unique, every reference resolving. A dataset
 * is a folder or one file, in claimgraph's own YAML/JSON/JSONL format, CSV
 * or FollowTheMoney (see inputs.ts: the format layer turns each into the
 * same records). Memory is bounded by the number of entities, not the
 * number of claims or records: bulk `.jsonl`, CSV and FtM files are validated
 * as streams, entity ids are kept with where they were defined, claim ids
 * only as 53-bit hashes (8 bytes each); where a duplicate claim id was first
 * defined is found by a second pass, only when there is one.
 */
import path from 'node:path';
import type { z } from 'zod';
import { Claim, DatasetMeta, Entity, Source } from '../model/dataset.ts';
import { ENTITY_KINDS } from '../model/kinds.ts';
import { DatasetValidationError, type DatasetIssue } from './errors.ts';
import { existsSync } from 'node:fs';
import { DATA_EXTENSIONS, importer, IMPORTERS, type ReaderOptions } from '../formats/index.ts';
import { parseYamlFile, yamlValue } from '../formats/native/read.ts';
import { displayPath, SECTIONS, type RawRecord, type Section } from '../formats/records.ts';
import { slug } from '../formats/values.ts';
import { listInputs, META_FILES, readInputRecords, type DataInput, type Format, type InputContext } from './inputs.ts';
import { emptyNotes, mergeNotes, type DatasetNotes } from './notes.ts';
import type { ZipLimits } from './zip.ts';
import type { ClaimVerification } from '../provenance/verify-claim.ts';
import { verificationIssues, verifyQuotes, type PlanVerification, type SourceInfo, type VerifyOptions } from './verify.ts';

export type ValidRecord =
  | { section: 'entities'; value: Entity }
  | { section: 'sources'; value: Source }
  | { section: 'claims'; value: VerifiedClaim };

/** A claim as the writer gets it: with what checking its quote found (absent: `no-document`). */
export type VerifiedClaim = Claim & { verification?: ClaimVerification };

export interface DatasetCounts {
  entities: number;
  sources: number;
  claims: number;
  byKind: Record<string, number>;
  byStatus: Record<string, number>;
  byType: Record<string, number>;
}

export interface DatasetPlan {
  /** The folder or file imported. */
  folder: string;
  meta: DatasetMeta;
  files: string[];
  inputs: DataInput[];
  context: InputContext;
  counts: DatasetCounts;
  /** What was skipped or folded into properties (FtM), never silently. */
  notes: DatasetNotes;
  /** Removes temporary files (an extracted ZIP archive); call when done with the plan. */
  cleanup?: () => Promise<void>;
  /** What checking the quotes against the sources' documents found (server/import/verify.ts). */
  verification: PlanVerification;
}

export interface LoadedDataset extends DatasetPlan {
  entities: Entity[];
  sources: Source[];
  claims: VerifiedClaim[];
}

export interface ValidateOptions extends VerifyOptions {
  /** Ids that already exist elsewhere (e.g. in the database) and may be referenced. */
  knownIds?: (ids: string[]) => Promise<Set<string>>;
  /** Dataset name to use instead of dataset.yaml's (or the file's name). */
  name?: string;
  /** The format of every file, instead of detecting it from each file's content. */
  format?: Format;
  /** What the user states for data a format cannot carry (GEXF, GraphML: `--status`, `--kind`, `--type`). */
  options?: ReaderOptions;
  /** Limits of a ZIP archive's extraction (server/import/zip.ts ZIP_LIMITS). */
  zip?: Partial<ZipLimits>;
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
          column: r.columnOf?.([...p, key]),
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
    if (got === undefined && p.length > 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) message = `required: ${message}`;
    out.push({ file: r.file, record: recordLabel(r), line: r.lineOf(p) ?? r.line, field: field || undefined, column: r.columnOf?.(p.length ? p : [field]), message });
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
  const resolved = yamlValue(parsed, metaFile);
  if (resolved.issue) return { issues: [resolved.issue] };
  const result = DatasetMeta.safeParse({ name: name ?? fallbackName, ...((resolved.value as object | null) ?? {}), ...(name ? { name } : {}) });
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
export async function validateDataset(target: string, opts: ValidateOptions = {}): Promise<DatasetPlan> {
  const issues: DatasetIssue[] = [];
  const onIssue = (i: DatasetIssue) => {
    if (issues.length < MAX_ISSUES) issues.push(i);
  };
  const { inputs, folder, issues: listIssues, cleanup, skippedEntries } = await listInputs(target, opts.format, opts.zip);
  try {
    const plan = await validateInputs(target, inputs, folder, listIssues, opts, issues, onIssue, cleanup);
    if (skippedEntries?.length) plan.notes.skippedEntries = skippedEntries;
    return plan;
  } catch (err) {
    await cleanup?.();
    throw err;
  }
}

async function validateInputs(
  target: string,
  inputs: DataInput[],
  folder: string | undefined,
  listIssues: DatasetIssue[],
  opts: ValidateOptions,
  issues: DatasetIssue[],
  onIssue: (i: DatasetIssue) => void,
  cleanup: (() => Promise<void>) | undefined,
): Promise<DatasetPlan> {
  if (listIssues.length && !inputs.length && !folder) throw new DatasetValidationError(listIssues);
  listIssues.forEach(onIssue);
  const { meta, context } = await metaAndContext(target, inputs, folder, opts, onIssue);
  const files = inputs.map((i) => i.file);

  // id -> where it was first defined; claim ids kept apart from node ids, as
  // hashes: an id whose hash was seen before is a possible duplicate, checked
  // exactly (and its first definition found) by a second pass below.
  const nodeIds = new Map<string, string>();
  const sourceIds = new Set<string>();
  const claimHashes = new HashSet53();
  const suspectClaimIds = new Set<string>();
  // References not (yet) defined when seen: id -> first place that needs it.
  const pendingNode = new Map<string, DatasetIssue>();
  const pendingSource = new Map<string, DatasetIssue>();
  const counts: DatasetCounts = { entities: 0, sources: 0, claims: 0, byKind: {}, byStatus: {}, byType: {} };
  // Entities and sources that failed validation: references to them are not reported again.
  const invalidIds = new Set<string>();
  // For verifying quotes: each source's document and where it is defined, claims per source.
  const sourceInfo = new Map<string, SourceInfo>();
  const claimsBySource = new Map<string, number>();

  for (const input of inputs) {
    const sections = new Set<Section>();
    for await (const r of readInputRecords(input, context, onIssue)) {
      sections.add(r.section);
      const at = (field: string): DatasetIssue => ({ file: r.file, record: recordLabel(r), line: r.lineOf([field]) ?? r.line, field, column: r.columnOf?.([field]), message: '' });
      // Ids are checked for uniqueness even on records with other errors.
      const rawId = r.value && typeof r.value === 'object' ? (r.value as Record<string, unknown>).id : undefined;
      if (typeof rawId === 'string') {
        if (r.section === 'claims') {
          if (!claimHashes.add(rawId)) suspectClaimIds.add(rawId);
        } else {
          const first = nodeIds.get(rawId);
          if (first) onIssue({ ...at('id'), message: `duplicate id "${rawId}", first defined at ${first}` });
          else nodeIds.set(rawId, where(r));
        }
      }
      const parsed = schemaFor(r.section).safeParse(r.value);
      if (!parsed.success) {
        zodIssues(r, parsed.error).forEach(onIssue);
        if (typeof rawId === 'string' && r.section !== 'claims') invalidIds.add(rawId);
        continue;
      }
      if (r.section === 'claims') {
        const c = parsed.data as Claim;
        noteReferences(c, at, { nodeIds, sourceIds, pendingNode, pendingSource });
        counts.claims++;
        claimsBySource.set(c.sourceId, (claimsBySource.get(c.sourceId) ?? 0) + 1);
        counts.byStatus[c.status] = (counts.byStatus[c.status] ?? 0) + 1;
        counts.byType[c.type] = (counts.byType[c.type] ?? 0) + 1;
      } else {
        const e = parsed.data as Entity | Source;
        pendingNode.delete(e.id);
        if (r.section === 'sources') {
          const document = (e as Source).document;
          sourceInfo.set(e.id, { document, file: r.file, line: r.line, hashLine: document ? r.lineOf(['document', 'sha256']) : undefined, record: recordLabel(r) });
          sourceIds.add(e.id);
          pendingSource.delete(e.id);
          counts.sources++;
        } else {
          counts.entities++;
        }
        counts.byKind[e.kind] = (counts.byKind[e.kind] ?? 0) + 1;
      }
    }
    input.sections = SECTIONS.filter((s) => sections.has(s));
  }
  if (suspectClaimIds.size > 0) await reportDuplicateClaims(inputs, context, suspectClaimIds, onIssue);
  await reportUnresolved({ pendingNode, pendingSource, nodeIds, sourceIds, invalidIds }, opts, onIssue);
  if (issues.length > 0 || !meta) throw new DatasetValidationError(issues);
  // Quotes against the sources' documents: a quote not found is an error like any other.
  const verification = await verifyQuotes({ inputs, context, datasetFolder: folder, sources: sourceInfo, claimsBySource, opts });
  const unverified = verificationIssues(verification, opts);
  if (unverified.length > 0) throw new DatasetValidationError(unverified.slice(0, MAX_ISSUES));
  return { folder: target, meta, files, inputs, context, counts, notes: inputNotes(inputs, context), cleanup, verification };
}

/** A claim's references not (yet) defined are remembered with the first place that needs them. */
function noteReferences(
  c: Claim,
  at: (field: string) => DatasetIssue,
  r: Pick<References, 'nodeIds' | 'sourceIds' | 'pendingNode' | 'pendingSource'>,
): void {
  for (const field of ['from', 'to', 'claimant'] as const) {
    const ref = c[field];
    if (ref !== undefined && !r.nodeIds.has(ref) && !r.pendingNode.has(ref)) {
      r.pendingNode.set(ref, { ...at(field), message: `"${ref}" is not an entity or source id in this dataset` });
    }
  }
  for (const field of ['sourceId', 'citedIn'] as const) {
    const ref = c[field];
    if (ref !== undefined && !r.sourceIds.has(ref) && !r.pendingSource.has(ref)) {
      r.pendingSource.set(ref, { ...at(field), message: `"${ref}" is not the id of a source in this dataset` });
    }
  }
}

/** The dataset's name and title, and each input's first pass (FtM: ids, names, what is skipped; GEXF, GraphML: the parsed file). Also the bulk strategy's file writer's (write/bulk-worker.ts). */
export async function metaAndContext(
  target: string,
  inputs: DataInput[],
  folder: string | undefined,
  opts: ValidateOptions,
  onIssue: (i: DatasetIssue) => void,
): Promise<{ meta: DatasetMeta | undefined; context: InputContext }> {
  const zipped = folder !== undefined && folder !== target;
  const hasMeta = folder !== undefined && META_FILES.some((f) => existsSync(path.join(folder, f)));
  const { meta, issues: metaIssues } = folder && (!zipped || hasMeta) ? await readMeta(folder, opts.name) : fileMeta(target, opts.name);
  metaIssues.forEach(onIssue);
  if (inputs.length === 0 && folder) onIssue({ file: displayPath(folder), message: `no data files (${DATA_EXTENSIONS.join(', ')}) in this folder` });
  const context = await prepareInputs(inputs, { dataset: meta?.name ?? 'dataset', knownIds: opts.knownIds, options: opts.options ?? {} }, onIssue);
  unusedOptions(inputs, opts.options ?? {}).forEach(onIssue);
  return { meta, context };
}

interface References {
  pendingNode: Map<string, DatasetIssue>;
  pendingSource: Map<string, DatasetIssue>;
  nodeIds: Map<string, string>;
  sourceIds: Set<string>;
  invalidIds: Set<string>;
}

/** A reference to an entity defined later in the same dataset is fine; to one never defined (nor in the database) is not. */
async function reportUnresolved(r: References, opts: ValidateOptions, onIssue: (i: DatasetIssue) => void): Promise<void> {
  const unresolvedNodes = [...r.pendingNode].filter(([id]) => !r.nodeIds.has(id));
  for (const [id, issue] of r.pendingSource) {
    if (!r.sourceIds.has(id) && !r.invalidIds.has(id)) {
      onIssue(r.nodeIds.has(id) ? { ...issue, message: `"${id}" is an entity, not a source: sourceId must name a source` } : issue);
    }
  }
  if (unresolvedNodes.length > 0) {
    const known = opts.knownIds ? await opts.knownIds(unresolvedNodes.map(([id]) => id)) : new Set<string>();
    for (const [id, issue] of unresolvedNodes) if (!known.has(id) && !r.invalidIds.has(id)) onIssue(issue);
  }
}

interface PrepareCtx {
  dataset: string;
  knownIds?: ValidateOptions['knownIds'];
  options: ReaderOptions;
}

async function prepareInputs(inputs: DataInput[], ctx: PrepareCtx, onIssue: (i: DatasetIssue) => void): Promise<InputContext> {
  const context: InputContext = { state: new Map() };
  for (const input of inputs) {
    const { reader } = importer(input.format);
    if (reader.prepare) context.state.set(input.file, await reader.prepare(input, ctx, onIssue));
  }
  return context;
}

/** An option given for a dataset none of whose files' formats take it: a usage error, not silently ignored. */
function unusedOptions(inputs: DataInput[], options: ReaderOptions): DatasetIssue[] {
  const out: DatasetIssue[] = [];
  for (const key of Object.keys(options) as (keyof ReaderOptions)[]) {
    if (options[key] === undefined || inputs.some((i) => importer(i.format).reader.options?.includes(key))) continue;
    const takers = IMPORTERS.filter((f) => f.reader.options?.includes(key)).map((f) => f.label);
    out.push({
      file: inputs[0] ? displayPath(inputs[0].file) : '(dataset)',
      option: key,
      message: `--${key} is for files that carry no ${key} of their own (${takers.join(', ')}); this dataset has none`,
    });
  }
  return out;
}

/** What the readers did not take in as it was, over every input. */
function inputNotes(inputs: DataInput[], context: InputContext): DatasetNotes {
  const notes = emptyNotes();
  for (const input of inputs) {
    const { reader } = importer(input.format);
    if (reader.notes) mergeNotes(notes, reader.notes(context.state.get(input.file)));
  }
  return notes;
}

function where(r: RawRecord): string {
  return `${r.file}${r.line ? `:${r.line}` : ''}`;
}

/**
 * The second pass over the claims, only when a claim id's hash was seen
 * twice: reports every real duplicate with where the id was first defined
 * (a hash collision between two different ids reports nothing).
 */
async function reportDuplicateClaims(inputs: DataInput[], context: InputContext, suspects: Set<string>, onIssue: (i: DatasetIssue) => void): Promise<void> {
  const first = new Map<string, string>();
  for (const input of inputs) {
    if (input.sections && !input.sections.includes('claims')) continue;
    for await (const r of readInputRecords(input, context, () => {})) {
      if (r.section !== 'claims') continue;
      const id = r.value && typeof r.value === 'object' ? (r.value as Record<string, unknown>).id : undefined;
      if (typeof id !== 'string' || !suspects.has(id)) continue;
      const seen = first.get(id);
      if (seen === undefined) first.set(id, where(r));
      else onIssue({ file: r.file, record: recordLabel(r), line: r.lineOf(['id']) ?? r.line, field: 'id', column: r.columnOf?.(['id']), message: `duplicate id "${id}", first defined at ${seen}` });
    }
  }
}

/**
 * A set of strings kept as 53-bit hashes in an open-addressing table
 * (8 bytes a slot, at most half full): `add` says whether the hash was new.
 * Two different strings may share a hash (about 1 in 10^4 for a million
 * ids); callers confirm a repeat exactly.
 */
export class HashSet53 {
  private table = new Float64Array(1 << 16);
  private size = 0;

  add(s: string): boolean {
    if ((this.size + 1) * 2 > this.table.length) this.grow();
    const inserted = this.insert(this.table, hash53(s));
    if (inserted) this.size++;
    return inserted;
  }

  private insert(table: Float64Array, h: number): boolean {
    const mask = table.length - 1;
    let i = h % table.length & mask;
    for (;;) {
      const v = table[i]!;
      if (v === 0) {
        table[i] = h;
        return true;
      }
      if (v === h) return false;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const next = new Float64Array(this.table.length * 2);
    for (const v of this.table) if (v !== 0) this.insert(next, v);
    this.table = next;
  }
}

/** cyrb53: a fast 53-bit string hash (never 0 here: 0 marks an empty slot). */
export function hash53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0) || 1;
}

/** Name and title for a dataset that is one file: from --dataset, else the file's name. */
export function fileMeta(file: string, name?: string): { meta?: DatasetMeta; issues: DatasetIssue[] } {
  const base = path.basename(file);
  const stem = base.replace(/(\.(entities|ftm|jsonl|ndjson|ijson|json|ya?ml|csv|tsv|zip|gexf|graphml))+$/i, '') || base;
  const result = DatasetMeta.safeParse({ name: name ?? slug(stem), title: base, description: '' });
  if (!result.success) {
    return { issues: result.error.issues.map((i) => ({ file: displayPath(file), field: i.path.join('.') || undefined, message: `dataset ${i.message}` })) };
  }
  return { meta: result.data, issues: [] };
}

/**
 * The validated records of one section (or several, in one pass over each
 * file), in file order (call after validateDataset). Files validation found
 * without any of those sections are not read again.
 */
export async function* validatedRecords(plan: DatasetPlan, section: Section | readonly Section[]): AsyncGenerator<ValidRecord['value']> {
  const wanted: readonly Section[] = typeof section === 'string' ? [section] : section;
  for (const input of plan.inputs) {
    if (input.sections && !input.sections.some((s) => wanted.includes(s))) continue;
    for await (const r of readInputRecords(input, plan.context, () => {})) {
      if (!wanted.includes(r.section)) continue;
      const value = schemaFor(r.section).parse(r.value) as ValidRecord['value'];
      // A claim carries what checking its quote found, for claimProps (write.ts).
      const checked = r.section === 'claims' ? plan.verification?.byClaim.get((value as Claim).id) : undefined;
      yield checked ? { ...(value as Claim), verification: checked } : value;
    }
  }
}

/** Validates and reads a whole dataset into memory (for small datasets and tests). */
export async function loadDataset(folder: string, opts: ValidateOptions = {}): Promise<LoadedDataset> {
  const plan = await validateDataset(folder, opts);
  try {
    const out: LoadedDataset = { ...plan, entities: [], sources: [], claims: [] };
    for await (const v of validatedRecords(plan, 'entities')) out.entities.push(v as Entity);
    for await (const v of validatedRecords(plan, 'sources')) out.sources.push(v as Source);
    for await (const v of validatedRecords(plan, 'claims')) out.claims.push(v as VerifiedClaim);
    return out;
  } finally {
    await plan.cleanup?.();
  }
}
