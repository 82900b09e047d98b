/**
 * The investigation document, once: a zod schema that the client runs when
 * a file is opened, the server when a saved view is written, and
 * `npm run schema:json` turns into shared/investigation/investigation.schema.json.
 *
 * An investigation is the explorer's whole working state (`state`: what
 * ExplorerState.save() returns: the entities on the canvas with their places,
 * pins and hides, the claims, filters, size metric, selection, camera, path,
 * query, notes and story steps), plus what it rests on: the names of the
 * datasets, and for every entity and claim its id and datasets, for every
 * claim a content hash (claim-hash.ts) so that reopening it says which claims
 * changed or vanished since.
 *
 * Versioned: `format` names the kind of file, `version` its layout. A reader
 * refuses a newer version with a message that says so; an older one would be
 * upgraded in `upgrade()` (there is none yet).
 *
 * No Node or DOM dependency: the client imports this module as code (see
 * shared/README.md).
 */
import { z } from 'zod';
import { CLAIM_HASH_RE } from './claim-hash.ts';
import { INVESTIGATION_FORMAT, INVESTIGATION_VERSION, LIMITS } from './format.ts';

export { INVESTIGATION_FORMAT, INVESTIGATION_VERSION, LIMITS };


const Id = z.string().min(1, 'an id (a non-empty string)').max(1_000);
const Props = z.record(z.string(), z.unknown());
const Iso = z.iso.datetime({ offset: true, error: 'a date and time in ISO 8601 (2026-03-01T12:00:00Z)' });

// ---- the graph on the canvas (the API's GraphNode and GraphEdge shapes) -------------

export const SavedEntity = z.object({ id: Id, kind: z.string(), labels: z.array(z.string()), name: z.string(), properties: Props });

export const SavedClaim = z.object({
  id: Id,
  type: z.string().min(1),
  source: Id,
  target: Id,
  status: z.string().nullable(),
  sourceId: z.string().nullable(),
  quote: z.string().nullable(),
  properties: Props,
});

export const SavedNode = z.object({
  entity: SavedEntity,
  x: z.number(),
  y: z.number(),
  pinned: z.boolean(),
  hidden: z.boolean(),
  laidOut: z.boolean(),
});

// ---- the view -------------------------------------------------------------------------

/** Filters this claimgraph does not know are left out; missing ones get their defaults when loaded (client: savedStateOf). */
export const SavedFilters = z.object({
  hiddenKinds: z.array(z.string()),
  hiddenTypes: z.array(z.string()),
  hiddenStatuses: z.array(z.string()),
  hiddenDatasets: z.array(z.string()),
  yearFrom: z.number().int().nullable(),
  yearTo: z.number().int().nullable(),
  keepUndated: z.boolean(),
});

const Selected = z.discriminatedUnion('type', [z.object({ type: z.literal('node'), id: Id }), z.object({ type: z.literal('edge'), id: Id })]).nullable();

/** The camera as sigma states it (normalized to the graph's extent on the canvas). */
export const SavedCamera = z.object({ x: z.number(), y: z.number(), ratio: z.number().positive(), angle: z.number() });

/**
 * A story step's camera in graph coordinates, so that it still frames the
 * same place when the canvas around it grows: the graph point at the centre,
 * and `extent`, the graph units one unit of sigma's camera ratio spans
 * (sigma's ratio times the larger side of the graph's box).
 */
export const GraphCamera = z.object({ x: z.number(), y: z.number(), extent: z.number().positive(), angle: z.number() });

const LeftOut = z.object({
  type: z.string(),
  claims: z.number(),
  nodes: z.number(),
  amounts: z.array(z.object({ currency: z.string(), total: z.number() })),
  exact: z.boolean(),
});

// ---- annotations and story --------------------------------------------------------------

/** What a note is about: an entity, a drawn edge (`from|TYPE|to`, every claim folded into it), or a place on the canvas (graph coordinates). */
export const NoteTarget = z.discriminatedUnion('type', [
  z.object({ type: z.literal('entity'), id: Id }),
  z.object({ type: z.literal('edge'), id: Id }),
  z.object({ type: z.literal('canvas'), x: z.number(), y: z.number() }),
]);

/** A note: plain text (links are recognised when shown, never markup). */
export const Note = z.object({
  id: Id,
  target: NoteTarget,
  text: z.string().max(LIMITS.noteText, `a note of at most ${LIMITS.noteText} characters`),
  createdAt: Iso,
  updatedAt: Iso,
});

/** One step of the story: what it says, what it highlights (the rest fades), where the camera stands. */
export const StoryStep = z.object({
  id: Id,
  title: z.string().max(LIMITS.stepTitle, `a title of at most ${LIMITS.stepTitle} characters`),
  text: z.string().max(LIMITS.stepText, `a text of at most ${LIMITS.stepText} characters`),
  nodes: z.array(Id),
  edges: z.array(Id),
  camera: GraphCamera.nullable(),
});

// ---- the working state (ExplorerState.save()) ------------------------------------------------

export const SavedState = z.object({
  version: z.literal(1),
  nodes: z.array(SavedNode),
  claims: z.array(SavedClaim),
  expanded: z.array(Id),
  filters: SavedFilters,
  metric: z.enum(['degree', 'pagerank', 'betweenness']),
  selection: z.object({ focus: Selected, nodes: z.array(Id), edges: z.array(Id) }),
  path: z.object({ from: Id, to: Id, status: z.string().nullable(), maxHops: z.number().int().min(1).max(10) }).nullable(),
  query: z.string().nullable(),
  added: z.array(Id),
  removed: z.array(Id),
  leftOut: z.array(z.tuple([Id, z.array(LeftOut)])),
  camera: SavedCamera.nullable(),
  opening: z.object({ limit: z.number().int().positive().nullable(), edgeLimit: z.number().int().positive().nullable(), autoLayout: z.boolean() }),
  notes: z.array(Note).max(LIMITS.notes),
  story: z.array(StoryStep).max(LIMITS.steps),
});

// ---- the document -------------------------------------------------------------------------

export const EntityRef = z.object({ id: Id, datasets: z.array(z.string()) });
export const ClaimRef = z.object({
  id: Id,
  datasets: z.array(z.string()),
  hash: z.string().regex(CLAIM_HASH_RE, 'a claim hash: "sha256:" and 32 hex digits'),
});

function duplicates(ids: Iterable<string>): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

export const InvestigationDocument = z
  .object({
    format: z.literal(INVESTIGATION_FORMAT, { error: `"${INVESTIGATION_FORMAT}" (this is not a claimgraph investigation file)` }),
    version: z
      .number({ error: `the format version, a whole number (this claimgraph reads ${INVESTIGATION_VERSION})` })
      .int()
      .refine((v) => v <= INVESTIGATION_VERSION, `made by a newer claimgraph: this one reads investigation files up to version ${INVESTIGATION_VERSION}`),
    title: z.string().trim().min(1, 'a title').max(LIMITS.title, `a title of at most ${LIMITS.title} characters`),
    savedAt: Iso,
    /** The datasets the entities and claims come from. */
    datasets: z.array(z.string()),
    entities: z.array(EntityRef),
    claims: z.array(ClaimRef),
    state: SavedState,
  })
  .strict()
  .superRefine((doc, ctx) => {
    const dupNodes = duplicates(doc.state.nodes.map((n) => n.entity.id));
    if (dupNodes.length) ctx.addIssue({ code: 'custom', path: ['state', 'nodes'], message: `each entity once; repeated: ${dupNodes.slice(0, 5).join(', ')}` });
    const dupNotes = duplicates(doc.state.notes.map((n) => n.id));
    if (dupNotes.length) ctx.addIssue({ code: 'custom', path: ['state', 'notes'], message: `note ids must be unique; repeated: ${dupNotes.slice(0, 5).join(', ')}` });
    const dupSteps = duplicates(doc.state.story.map((s) => s.id));
    if (dupSteps.length) ctx.addIssue({ code: 'custom', path: ['state', 'story'], message: `step ids must be unique; repeated: ${dupSteps.slice(0, 5).join(', ')}` });
  })
  .meta({ title: 'claimgraph investigation', description: 'A saved claimgraph investigation: the working state, notes and story, and the claims it rests on (see README.md, "Investigations").' });

export type InvestigationDocument = z.output<typeof InvestigationDocument>;
export type SavedStateDoc = z.output<typeof SavedState>;
export type Note = z.output<typeof Note>;
export type NoteTarget = z.output<typeof NoteTarget>;
export type StoryStep = z.output<typeof StoryStep>;
export type GraphCamera = z.output<typeof GraphCamera>;
export type ClaimRef = z.output<typeof ClaimRef>;
export type EntityRef = z.output<typeof EntityRef>;

/** One problem found in a document: where (a dotted path such as `state.nodes.3.x`) and what. */
export interface DocumentIssue {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; doc: InvestigationDocument } | { ok: false; message: string; issues: DocumentIssue[] };

/** The issues of a failed parse, each with its path (`(document)` for the whole). */
export function issuesOf(error: z.ZodError): DocumentIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(document)', message: i.message }));
}

/** One line naming the first problems: `state.nodes.3.x: Invalid input: expected number, received string; ...`. */
export function describeIssues(issues: readonly DocumentIssue[], max = 3): string {
  const shown = issues.slice(0, max).map((i) => `${i.path}: ${i.message}`);
  return shown.join('; ') + (issues.length > max ? `; and ${issues.length - max} more` : '');
}

/** Older layouts to this one (none yet: version 1 is the first). */
function upgrade(raw: unknown): unknown {
  return raw;
}

/** Validates a parsed value as an investigation document. */
export function parseInvestigation(raw: unknown): ParseResult {
  const r = InvestigationDocument.safeParse(upgrade(raw));
  if (r.success) return { ok: true, doc: r.data };
  const issues = issuesOf(r.error);
  return { ok: false, message: `not a valid investigation: ${describeIssues(issues)}`, issues };
}

/** Reads an investigation file's text: JSON errors and schema errors both come back as issues. */
export function parseInvestigationText(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const message = `not JSON: ${(e as Error).message}`;
    return { ok: false, message: `not a valid investigation: ${message}`, issues: [{ path: '(document)', message }] };
  }
  return parseInvestigation(raw);
}
