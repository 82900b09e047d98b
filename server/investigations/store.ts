/**
 * Saved views: investigations stored on the server under a name and a short
 * id (the link `/?view=<id>`), shared by everyone using the server. One
 * :SavedView node each, holding the document as JSON text (see isolation.ts
 * for how data reads keep away from them). Every statement is in
 * cypher/investigations/.
 *
 * @example
 *   const view = await createView(deps, { name: 'MEK lobbying', document });
 *   // view.link === '/?view=' + view.id
 */
import { randomBytes } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { z } from 'zod';
import { apiError, ApiError, classifyNeo4jError } from '../kernel/errors.ts';
import type { Deps } from '../kernel/deps.ts';
import { SAVED_VIEW_LIST_LIMIT, SAVED_VIEW_MAX_BYTES, type SavedView, type SavedViewSummary } from '../kernel/investigations-contract.ts';
import { cypher, statements } from '../neo4j/cypher.ts';
import type { InvestigationDocument } from '../../shared/investigation/schema.ts';

type Summary = z.output<typeof SavedViewSummary>;
type View = z.output<typeof SavedView>;
type Stored = Record<string, unknown>;

/** Driver errors of these statements as the API's (unknown errors pass through to the 500 handler). */
function storeError(err: unknown, timeoutMs: number): unknown {
  if (err instanceof ApiError) return err;
  if (classifyNeo4jError(err) === 'unavailable') return apiError('DB_UNAVAILABLE', 'Neo4j is not reachable right now; retry shortly');
  if (classifyNeo4jError(err) === 'timeout') return apiError('QUERY_TIMEOUT', `saving or reading the view took longer than ${timeoutMs} ms`);
  return err;
}

async function run(deps: Deps, name: string, params: Record<string, unknown>, write: boolean): Promise<Stored[]> {
  const timeout = deps.config.QUERY_TIMEOUT_MS;
  try {
    const res = await deps.driver.executeQuery(cypher(`investigations/${name}`), params, {
      database: deps.database,
      routing: write ? neo4j.routing.WRITE : neo4j.routing.READ,
      transactionConfig: { timeout },
    });
    return res.records.map((r) => r.toObject() as Stored);
  } catch (err) {
    throw storeError(err, timeout);
  }
}

/** The constraint on ids, created once per process before the first write (idempotent in Neo4j too). */
const schemaReady = new WeakMap<object, Promise<void>>();
function ensureSchema(deps: Deps): Promise<void> {
  let p = schemaReady.get(deps.driver);
  if (!p) {
    p = (async () => {
      for (const s of statements('investigations/schema')) await deps.driver.executeQuery(s, {}, { database: deps.database, routing: neo4j.routing.WRITE });
    })();
    p.catch(() => schemaReady.delete(deps.driver));
    schemaReady.set(deps.driver, p);
  }
  return p.catch((err) => {
    throw storeError(err, deps.config.QUERY_TIMEOUT_MS);
  });
}

/** A random id of 10 URL-safe characters (60 bits). */
export function newViewId(): string {
  return randomBytes(8).toString('base64url').slice(0, 10);
}

const num = (v: unknown) => (neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : Number(v ?? 0));
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function summaryOf(v: Stored): Summary {
  const id = str(v.savedViewId);
  return {
    id,
    name: str(v.savedViewName),
    title: str(v.savedViewTitle),
    createdAt: str(v.savedViewCreatedAt),
    updatedAt: str(v.savedViewUpdatedAt),
    bytes: num(v.savedViewBytes),
    datasets: Array.isArray(v.savedViewDatasets) ? v.savedViewDatasets.map(String) : [],
    notes: num(v.savedViewNotes),
    steps: num(v.savedViewSteps),
    link: `/?view=${id}`,
  };
}

/** The document as stored, with what the list shows of it; 413 when it is too large. */
function documentFields(document: InvestigationDocument) {
  const text = JSON.stringify(document);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > SAVED_VIEW_MAX_BYTES) {
    throw apiError(
      'PAYLOAD_TOO_LARGE',
      `the investigation is ${(bytes / 1048576).toFixed(1)} MB; a saved view holds at most ${SAVED_VIEW_MAX_BYTES / 1048576} MB: save it to a file instead, or remove entities from the canvas`,
    );
  }
  return {
    document: text,
    bytes,
    title: document.title,
    datasets: document.datasets,
    notes: document.state.notes.length,
    steps: document.state.story.length,
  };
}

function notFound(id: string): ApiError {
  return apiError('NOT_FOUND', `no saved view "${id}" on this server (it may have been deleted); GET /api/views lists them`);
}

export async function listViews(deps: Deps): Promise<Summary[]> {
  const rows = await run(deps, 'list', { limit: neo4j.int(SAVED_VIEW_LIST_LIMIT) }, false);
  return rows.map((r) => summaryOf(r.view as Stored));
}

export async function getView(deps: Deps, id: string): Promise<View> {
  const [row] = await run(deps, 'get', { id }, false);
  if (!row) throw notFound(id);
  const v = row.view as Stored;
  // Written by this module after validation: trusted as a document.
  return { ...summaryOf(v), document: JSON.parse(str(v.savedViewDocument)) as InvestigationDocument };
}

export async function createView(deps: Deps, input: { name: string; document: InvestigationDocument }): Promise<Summary> {
  const fields = documentFields(input.document);
  await ensureSchema(deps);
  for (let attempt = 0; ; attempt++) {
    try {
      const [row] = await run(deps, 'create', { id: newViewId(), name: input.name, now: new Date().toISOString(), ...fields }, true);
      return summaryOf(row!.view as Stored);
    } catch (err) {
      // Two random ids alike: try another.
      const code = (err as { code?: string })?.code ?? '';
      if (attempt < 3 && code === 'Neo.ClientError.Schema.ConstraintValidationFailed') continue;
      throw err;
    }
  }
}

export async function updateView(deps: Deps, id: string, input: { name?: string; document?: InvestigationDocument }): Promise<Summary> {
  const now = new Date().toISOString();
  const rows = input.document
    ? await run(deps, 'update', { id, name: input.name ?? null, now, ...documentFields(input.document) }, true)
    : await run(deps, 'rename', { id, name: input.name, now }, true);
  if (!rows[0]) throw notFound(id);
  return summaryOf(rows[0].view as Stored);
}

export async function deleteView(deps: Deps, id: string): Promise<{ deleted: string }> {
  const [row] = await run(deps, 'delete', { id }, true);
  if (!row || num(row.deleted) === 0) throw notFound(id);
  return { deleted: id };
}
