/**
 * Sources as users read them: a source with every claim that cites it
 * (grouped by relationship type) and whether the server has its document;
 * the document's text with every quote found in it; and one claim's quote
 * in context. Documents come from the server's copies (documents.ts); only
 * the context's few sentences are sent for a quote, the whole text only for
 * the source view.
 */
import type { Node, Relationship } from 'neo4j-driver';
import type { z } from 'zod';
import type { Claim } from '../kernel/contract.ts';
import type { QuoteContext, SourceDocument, SourceView } from '../kernel/sources-contract.ts';
import type { Deps } from '../kernel/deps.ts';
import { apiError } from '../kernel/errors.ts';
import { RELATIONS, type RelationType } from '../model/vocabulary.ts';
import { cypher } from '../neo4j/cypher.ts';
import { read } from '../neo4j/read.ts';
import { nodeToJson, toPlain } from '../neo4j/values.ts';
import { sourceDocument } from './documents.ts';
import { claimJson, CLAIM_LIMIT } from './entity.ts';
import { contextOf, noContextReason, rawPieces, type StoredQuote } from './quote-context.ts';

/** Passages a source view marks at most. */
export const PASSAGE_LIMIT = 5000;

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

export async function sourceView(deps: Deps, id: string): Promise<z.output<typeof SourceView>> {
  const [rec] = await read(deps, cypher('reads/source'), { id, claimLimit: CLAIM_LIMIT });
  if (!rec) throw apiError('NOT_FOUND', `no source with id "${id}"`);
  const s = rec.get('s') as Node;
  const raw = rec.get('claims') as { r: Relationship; from: Node; to: Node; source: Node | null }[];
  const groups = new Map<string, z.output<typeof Claim>[]>();
  for (const c of raw) {
    const claim = claimJson(c.r, c.from, c.to, true, c.source);
    groups.set(claim.type, [...(groups.get(claim.type) ?? []), claim]);
  }
  const props = s.properties as Record<string, unknown>;
  const file = str(props.documentFile);
  const sha256 = str(props.documentSha256);
  const doc = await sourceDocument(deps.config, id, file);
  return {
    source: nodeToJson(s),
    claims: [...groups.entries()]
      .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
      .map(([type, claims]) => ({ type, meaning: RELATIONS[type as RelationType]?.meaning ?? null, claims })),
    claimCount: Number(toPlain(rec.get('claimCount'))),
    document: { file, sha256, available: !!doc, changed: !!doc && !!sha256 && doc.sha256 !== sha256, passages: Number(toPlain(rec.get('passages'))) },
  };
}

/** The source's document as text, with the place of every quote found in it (404 when the server has no copy). */
export async function sourceDocumentText(deps: Deps, id: string): Promise<z.output<typeof SourceDocument>> {
  const [rec] = await read(deps, cypher('reads/source-document'), { id });
  if (!rec) throw apiError('NOT_FOUND', `no source with id "${id}"`);
  const file = str(rec.get('file'));
  const sha256 = str(rec.get('sha256'));
  const doc = await sourceDocument(deps.config, id, file);
  if (!doc) throw apiError('NOT_FOUND', `the server has no copy of the document of source "${id}" (put it in DOCUMENTS_DIR; see data/README.md)`);
  const rows = await read(deps, cypher('reads/source-passages'), { id, limit: PASSAGE_LIMIT });
  const passages = rows
    .map((r) => ({ claimId: String(r.get('id')), q: toPlain(r.toObject()) as unknown as StoredQuote }))
    .filter(({ q }) => noContextReason(doc, q) === null)
    .map(({ claimId, q }) => {
      const pieces = rawPieces(doc, q);
      return { claimId, start: pieces[0]!.start, end: pieces.at(-1)!.end, pieces };
    });
  return { sourceId: id, file: file ?? doc.file.split(/[\\/]/).pop()!, text: doc.raw, changed: !!sha256 && sha256 !== doc.sha256, passages };
}

/** A claim's quote in the sentences around it, from its document (or why not). */
export async function quoteInContext(deps: Deps, claimId: string, from: string | undefined): Promise<z.output<typeof QuoteContext>> {
  const [rec] = await read(deps, cypher('reads/source-claim'), { id: claimId, from: from ?? null });
  if (!rec) throw apiError('NOT_FOUND', from ? `no claim "${claimId}" from entity "${from}"` : `no claim with id "${claimId}"`);
  const q = toPlain(rec.toObject()) as unknown as StoredQuote & { sourceId: string | null; sourceName: string | null; documentFile: string | null };
  const base = { claimId, sourceId: q.sourceId, sourceName: q.sourceName ?? null, verification: q.verification, text: '', highlights: [], clippedStart: false, clippedEnd: false };
  const early = noContextReason(undefined, q);
  if (early && early !== 'document-missing') return { ...base, available: false, reason: early };
  const doc = q.sourceId ? await sourceDocument(deps.config, q.sourceId, q.documentFile) : undefined;
  const reason = noContextReason(doc, q);
  if (reason || !doc) return { ...base, available: false, reason: reason ?? 'document-missing' };
  return { ...base, available: true, reason: null, ...contextOf(doc, q) };
}
