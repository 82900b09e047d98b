/**
 * POST /api/export: a selection of the graph as a file download, streamed.
 * Errors found before the first byte (bad request, unknown ids, a refused or
 * failed Cypher query) are normal JSON errors; a failure mid-stream can only
 * cut the download short (the app's error handler destroys the response).
 */
import { ClientGone, EXPORT_CONTENT_TYPES, prepareExport } from '../../export/index.ts';
import { route, type RouteContext } from '../route.ts';
import { EXPORT_FORMATS, ExportRequest } from '../../kernel/contract.ts';

export function exportRoutes(ctx: RouteContext): void {
  route(ctx, {
    method: 'post',
    path: '/api/export',
    summary: 'Export a selection of the graph',
    description:
      `Formats: ${EXPORT_FORMATS.join(', ')}. Selections: ids (with depth: the nodes within depth hops and every claim between them), ` +
      'a neighborhood (as GET /api/entities/{id}/neighborhood), a read-only Cypher query (every node, relationship and path it returns), or all. ' +
      'Every exported edge keeps its claim id, type, status, quote and source id, and the sources behind the edges come along ' +
      '(as nodes of kind source in graph formats, sources.csv in the CSV zip, Document entities in FtM, the list itself in Markdown). ' +
      'The file is streamed; `csv` is a zip of nodes.csv, edges.csv and sources.csv.',
    tags: ['export'],
    body: ExportRequest,
    fileResponse: { description: 'The export, as an attachment', contentTypes: EXPORT_CONTENT_TYPES },
    errors: [400, 401, 403, 404, 408, 413, 429, 503],
    heavy: true,
    handler: async ({ body, res, deps }) => {
      const prepared = await prepareExport(deps, body);
      res.status(200);
      res.set('Content-Type', prepared.contentType);
      res.set('Content-Disposition', `attachment; filename="${prepared.filename}"`);
      res.set('Cache-Control', 'no-store');
      try {
        await prepared.write(res);
      } catch (err) {
        if (err instanceof ClientGone) {
          ctx.deps.log.info('export abandoned by the client', { format: prepared.format, filename: prepared.filename });
          return undefined;
        }
        // Nothing sent yet: let the error handler answer with JSON, not a download.
        if (!res.headersSent) {
          res.removeHeader('Content-Disposition');
          res.removeHeader('Content-Type');
        }
        throw err;
      }
      res.end();
      return undefined;
    },
  });
}
