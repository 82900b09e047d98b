/**
 * The API shapes of investigations (server/investigations, routes in
 * server/api/routes/investigations.ts): saved views, and the current form of
 * claims an investigation rests on. The document itself is the shared zod
 * schema (shared/investigation/schema.ts), the one the client validates files
 * with.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { InvestigationDocument } from '../../shared/investigation/schema.ts';
import { GraphEdge, GraphNode, SourceRef } from './contract.ts';

extendZodWithOpenApi(z);

/** The largest investigation document a saved view holds (its JSON, in bytes). */
export const SAVED_VIEW_MAX_BYTES = 5 * 1024 * 1024;
/** Saved views listed at most (newest first). */
export const SAVED_VIEW_LIST_LIMIT = 500;
/** The request body limit on /api/views (the document plus its name). */
export const SAVED_VIEW_BODY_LIMIT = '6mb';

export const SAVED_VIEW_ID_RE = /^[A-Za-z0-9_-]{6,32}$/;

export const ViewIdParam = z.object({
  id: z.string().regex(SAVED_VIEW_ID_RE, 'id: a saved view id (what follows ?view= in its link: 6 to 32 letters, digits, - or _)'),
});

const ViewName = z.string().trim().min(1, 'name: a name for the view').max(200, 'name: at most 200 characters');

export const SavedViewSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    title: z.string().openapi({ description: "The investigation's own title" }),
    createdAt: z.string(),
    updatedAt: z.string(),
    bytes: z.number().openapi({ description: 'Size of the stored document (JSON)' }),
    datasets: z.array(z.string()),
    notes: z.number(),
    steps: z.number(),
    link: z.string().openapi({ description: 'The short link that opens it: /?view=<id>' }),
  })
  .openapi('SavedViewSummary');

export const SavedViewList = z.object({ views: z.array(SavedViewSummary) }).openapi('SavedViewList');

export const SavedView = SavedViewSummary.extend({ document: InvestigationDocument }).openapi('SavedView');

export const SavedViewCreate = z.object({ name: ViewName, document: InvestigationDocument }).strict().openapi('SavedViewCreate');

export const SavedViewUpdate = z
  .object({ name: ViewName.optional(), document: InvestigationDocument.optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.document !== undefined, 'give a new name, a new document, or both')
  .openapi('SavedViewUpdate');

export const SavedViewDeleted = z.object({ deleted: z.string() }).openapi('SavedViewDeleted');

/** Claims and entities looked up at most per request (a big investigation asks in several: the body stays under the API's 256 kB). */
export const CURRENT_CLAIMS_MAX = 2_000;
export const CURRENT_ENTITIES_MAX = 4_000;

export const CurrentClaimsRequest = z
  .object({
    claims: z
      .array(z.object({ id: z.string().min(1).max(1000), from: z.string().min(1).max(1000).openapi({ description: 'The id of the entity the claim starts at (how it is found fast)' }) }))
      .max(CURRENT_CLAIMS_MAX, `claims: at most ${CURRENT_CLAIMS_MAX} per request`),
    entities: z.array(z.string().min(1).max(1000)).max(CURRENT_ENTITIES_MAX, `entities: at most ${CURRENT_ENTITIES_MAX} per request`).default([]),
  })
  .strict()
  .openapi('CurrentClaimsRequest');

export const CitedSource = SourceRef;

export const CurrentClaims = z
  .object({
    claims: z.array(z.object({ claim: GraphEdge, hash: z.string().openapi({ description: 'shared/investigation/claim-hash.ts: sha256 of the claim’s meaningful properties' }) })),
    missingClaims: z.array(z.string()).openapi({ description: 'Ids of claims asked for that no longer start at the given entity (removed, or moved)' }),
    entities: z.array(GraphNode),
    missingEntities: z.array(z.string()),
    sources: z.array(SourceRef).openapi({ description: 'The sources the claims found cite, each once' }),
  })
  .openapi('CurrentClaims');
