/**
 * Declares one API route: validates its input with zod (400 with every
 * problem named), registers it in the OpenAPI document, and sends thrown
 * errors to the app's one error handler.
 *
 * @example
 *   route(ctx, { method: 'get', path: '/api/search', summary: 'Search',
 *     query: SearchQuery, response: SearchResult,
 *     handler: async ({ query }) => search(ctx.deps, query) });
 */
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { NextFunction, Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { Deps } from '../kernel/deps.ts';
import { apiError, formatZodError } from '../kernel/errors.ts';
import type { Limiter } from './limiter.ts';
import { ErrorBody } from '../kernel/contract.ts';

export type { Deps };

export interface RouteContext {
  router: Router;
  registry: OpenAPIRegistry;
  deps: Deps;
  /** Shared by the routes declared `heavy`. */
  limiter?: Limiter;
}

type Method = 'get' | 'post' | 'put' | 'delete';

export interface RouteSpec<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** Express path (`/api/entities/:id`); OpenAPI gets `{id}`. */
  path: string;
  summary: string;
  description?: string;
  tags?: string[];
  query?: Q;
  params?: P;
  body?: B;
  /** JSON response schema; omit for routes that stream files. */
  response?: z.ZodType;
  /** Content type and description of a non-JSON response. */
  fileResponse?: { description: string; contentTypes: string[] };
  errors?: number[];
  /** Expensive: runs under the app's concurrency limit (503 SERVER_BUSY with Retry-After when saturated). */
  heavy?: boolean;
  /**
   * Returns a JSON body, or undefined when it wrote the response itself.
   * `deps` is the context's, with the request's abort signal (use it for every query).
   */
  handler: (input: { query: z.output<Q>; params: z.output<P>; body: z.output<B>; req: Request; res: Response; deps: Deps }) => Promise<unknown>;
}


function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.output<T> {
  if (!schema) return undefined as z.output<T>;
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw apiError('BAD_REQUEST', formatZodError(r.error, where), r.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })));
  return r.data;
}

export function route<Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
  ctx: RouteContext,
  spec: RouteSpec<Q, P, B>,
): void {
  const errorResponses: RouteConfig['responses'] = {};
  for (const status of spec.errors ?? [400]) {
    errorResponses[status] = { description: `Error (${status})`, content: { 'application/json': { schema: ErrorBody } } };
  }
  ctx.registry.registerPath({
    method: spec.method,
    path: spec.path.replace(/:(\w+)/g, '{$1}'),
    summary: spec.summary,
    description: spec.description,
    tags: spec.tags,
    request: {
      ...(spec.query ? { query: spec.query as unknown as z.ZodObject } : {}),
      ...(spec.params ? { params: spec.params as unknown as z.ZodObject } : {}),
      ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } } } } : {}),
    },
    responses: {
      200: spec.response
        ? { description: 'OK', content: { 'application/json': { schema: spec.response } } }
        : {
            description: spec.fileResponse?.description ?? 'OK',
            content: Object.fromEntries((spec.fileResponse?.contentTypes ?? ['application/octet-stream']).map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
          },
      ...errorResponses,
    },
  });
  ctx.router[spec.method](spec.path, (req: Request, res: Response, next: NextFunction) => {
    // The client going away before the answer is written aborts the request's Neo4j work.
    const abort = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) abort.abort();
    };
    res.once('close', onClose);
    const deps: Deps = { ...ctx.deps, signal: abort.signal };
    let release: (() => void) | undefined;
    (async () => {
      const query = parse(spec.query, req.query, 'query parameter');
      const params = parse(spec.params, req.params, 'path parameter');
      const body = parse(spec.body, req.body, 'body field');
      if (spec.heavy && ctx.limiter) release = await ctx.limiter.acquire(abort.signal);
      const out = await spec.handler({ query, params, body, req, res, deps });
      if (abort.signal.aborted) return;
      if (out !== undefined && !res.headersSent) res.json(out);
    })()
      .catch(next)
      .finally(() => {
        release?.();
        res.off('close', onClose);
      });
  });
}
