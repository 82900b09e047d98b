import { quoteInContext, sourceDocumentText, sourceView } from '../../reads/source.ts';
import { IdParam } from '../../kernel/contract.ts';
import { ClaimContextQuery, QuoteContext, SourceDocument, SourceView } from '../../kernel/sources-contract.ts';
import { route, type RouteContext } from '../route.ts';

export function sourceRoutes(ctx: RouteContext): void {
  route(ctx, {
    method: 'get',
    path: '/api/sources/:id',
    summary: 'A source with every claim that cites it or that it restates (grouped by relationship type), and whether the server has its document',
    tags: ['provenance'],
    params: IdParam,
    response: SourceView,
    errors: [400, 404, 408, 413, 422, 503],
    heavy: true,
    handler: ({ params, deps }) => sourceView(deps, params.id),
  });
  route(ctx, {
    method: 'get',
    path: '/api/sources/:id/document',
    summary: "A source's document as text, with where every quote found in it is",
    description:
      'The text as extracted from the server’s copy (plain text, line breaks kept; HTML and PDF are never sent as they are), and one passage per claim whose quote verification found in it. 404 when the server has no copy (DOCUMENTS_DIR, or the default dataset’s documents/ folder).',
    tags: ['provenance'],
    params: IdParam,
    response: SourceDocument,
    errors: [400, 404, 408, 413, 422, 503],
    heavy: true,
    handler: ({ params, deps }) => sourceDocumentText(deps, params.id),
  });
  route(ctx, {
    method: 'get',
    path: '/api/claims/:id/context',
    summary: "A claim's quote in context: the sentences around it in its source's document, with the quote's place",
    description: 'Only a few sentences around the quote are sent (at most about 1,500 characters), never the document. `available: false` says why there is none.',
    tags: ['provenance'],
    params: IdParam,
    query: ClaimContextQuery,
    response: QuoteContext,
    errors: [400, 404, 408, 413, 422, 503],
    heavy: true,
    handler: ({ params, query, deps }) => quoteInContext(deps, params.id, query.from),
  });
}
