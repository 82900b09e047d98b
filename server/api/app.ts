/**
 * The Express app: security middleware, the API routes, the OpenAPI document
 * and reference page, the built client, and the one error handler.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { ApiError, apiError, toApiError } from '../kernel/errors.ts';
import { SAVED_VIEW_BODY_LIMIT } from '../kernel/investigations-contract.ts';
import { createLimiter } from './limiter.ts';
import { buildOpenApi, renderDocsPage } from './openapi.ts';
import type { Deps, RouteContext } from './route.ts';
import { registerRoutes } from './routes/index.ts';

export type { Deps } from './route.ts';

export const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');

function requireToken(token: string | undefined) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!token) return next();
    const header = req.get('authorization') ?? '';
    if (header === `Bearer ${token}`) return next();
    next(apiError('UNAUTHORIZED', 'this endpoint needs the API token: send "Authorization: Bearer <API_TOKEN>"'));
  };
}

/** Security headers: a strict Content-Security-Policy for the client (sigma draws with WebGL, FA2 runs in a blob worker). */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}

/** CORS for the API, for the comma-separated origins of CORS_ORIGIN only. */
function cors(origins: string) {
  const allowed = origins.split(',').map((s) => s.trim());
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.get('origin');
    if (origin && allowed.includes(origin)) {
      res.set('Access-Control-Allow-Origin', origin);
      res.set('Vary', 'Origin');
      res.set('Access-Control-Allow-Headers', 'Content-Type, Authorization');
      res.set('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
      if (req.method === 'OPTIONS') return void res.sendStatus(204);
    }
    next();
  };
}

/** The error a request failed with, as one of the API's named errors (unknown ones logged and answered INTERNAL). */
function asApiError(err: unknown, req: Request, log: Deps['log']): ApiError {
  const mapped = toApiError(err);
  if (mapped instanceof ApiError) return mapped;
  const bodyErr = err as { type?: string; status?: number; limit?: number };
  if (bodyErr?.type === 'entity.too.large') return apiError('PAYLOAD_TOO_LARGE', `request body larger than ${bodyErr.limit} bytes`);
  if (bodyErr?.type === 'entity.parse.failed') return apiError('BAD_REQUEST', 'request body is not valid JSON');
  if (bodyErr?.type === 'encoding.unsupported' || bodyErr?.type === 'charset.unsupported') return apiError('UNSUPPORTED_MEDIA_TYPE', 'unsupported body encoding: send UTF-8 JSON');
  log.error('unhandled error', { method: req.method, path: req.path, error: String((err as Error)?.stack ?? err) });
  return apiError('INTERNAL', 'internal error; the server log has details');
}

/** The one error handler: named codes, no stack traces. */
function errorHandler(log: Deps['log'], limiter: RouteContext['limiter']) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = asApiError(err, req, log);
    // Nobody is listening any more: nothing to answer, nothing to log.
    if (e.code === 'CLIENT_CLOSED' || res.destroyed || !res.socket || res.socket.destroyed) {
      if (!res.destroyed) res.destroy();
      return;
    }
    if (e.code === 'DB_UNAVAILABLE') res.set('Retry-After', '5');
    if (e.code === 'SERVER_BUSY') res.set('Retry-After', String(limiter?.retryAfterSeconds ?? 2));
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(e.status).json(e.toJSON());
  };
}

/** The built client, or a note saying how to build it. */
function serveClient(app: express.Express): void {
  if (existsSync(CLIENT_DIST)) {
    app.use(express.static(CLIENT_DIST, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!api\/).*/, (_req, res) => void res.sendFile(path.join(CLIENT_DIST, 'index.html')));
  } else {
    app.get('/', (_req, res) =>
      void res.type('text').send('The client is not built. Run "npm run build:client" (npm start does it for you).'),
    );
  }
}

export function createApp(deps: Deps): express.Express {
  const { config, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    const t0 = performance.now();
    res.on('finish', () => {
      log.info('request', { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - t0) });
    });
    next();
  });
  app.use(securityHeaders());
  if (config.CORS_ORIGIN) app.use('/api', cors(config.CORS_ORIGIN));
  // A saved view carries a whole investigation: its own, larger body limit (parsed first, so the next parser skips it).
  app.use('/api/views', express.json({ limit: SAVED_VIEW_BODY_LIMIT }));
  app.use('/api', express.json({ limit: '256kb' }));

  const limiter = rateLimit({
    windowMs: 60_000,
    limit: config.RATE_LIMIT_PER_MINUTE,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(apiError('RATE_LIMITED', `too many requests: at most ${config.RATE_LIMIT_PER_MINUTE} a minute on this endpoint`)),
  });
  const guarded = [limiter, requireToken(config.API_TOKEN)];
  app.use('/api/cypher', ...guarded);
  app.use('/api/export', ...guarded);
  // Saved views: reading is open, writing (POST, PUT, DELETE) takes the same token and rate limit.
  app.use('/api/views', (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    limiter(req, res, (err?: unknown) => (err ? next(err) : requireToken(config.API_TOKEN)(req, res, next)));
  });

  const registry = new OpenAPIRegistry();
  const router = express.Router();
  const limits = deps.limits ?? { concurrency: config.HEAVY_CONCURRENCY, queue: config.HEAVY_QUEUE };
  const ctx: RouteContext = { router, registry, deps, limiter: createLimiter(limits) };
  registerRoutes(ctx);
  app.use(router);

  const openapi = buildOpenApi(registry);
  app.get('/api/openapi.json', (_req, res) => void res.json(openapi));
  app.get('/api/docs', (_req, res) => void res.type('html').send(renderDocsPage(openapi)));
  app.use('/api', (req, _res, next) => next(apiError('NOT_FOUND', `no API endpoint ${req.method} ${req.originalUrl.split('?')[0]}; see /api/docs`)));

  serveClient(app);
  app.use(errorHandler(log, ctx.limiter));
  return app;
}
