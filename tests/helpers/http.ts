/**
 * Plain HTTP requests for tests that act as several clients: each request may
 * leave from its own loopback address (127.0.0.2, 127.0.0.3...: Linux routes
 * all of 127/8 to the loopback), so per-client limits see distinct clients.
 * Every request has a bound (`boundMs`): past it the request is destroyed and
 * reported as `hung`, never waited on forever.
 */
import http from 'node:http';

export interface HttpAnswer {
  /** HTTP status, or 0 when the connection failed or was closed without an answer. */
  status: number;
  text: string;
  body: unknown;
  headers: http.IncomingHttpHeaders;
  /** The connection error, when there was no answer. */
  error?: string;
  /** True when nothing came back within the bound. */
  hung: boolean;
}

export interface HttpRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** A string or Buffer as is; anything else as JSON. */
  body?: unknown;
  localAddress?: string;
  boundMs?: number;
}

export function httpRequest(baseUrl: string, req: HttpRequest): Promise<HttpAnswer> {
  const url = new URL(baseUrl);
  const payload = req.body === undefined ? undefined : typeof req.body === 'string' || Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body);
  return new Promise((resolve) => {
    let settled = false;
    const done = (a: HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(a);
    };
    const r = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method ?? (payload === undefined ? 'GET' : 'POST'),
        path: req.path,
        localAddress: req.localAddress,
        headers: { ...(payload !== undefined && typeof req.body !== 'string' && !Buffer.isBuffer(req.body) ? { 'content-type': 'application/json' } : {}), ...req.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => done({ status: 0, text: '', body: undefined, headers: {}, error: e.message, hung: false }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          done({ status: res.statusCode ?? 0, text, body, headers: res.headers, hung: false });
        });
      },
    );
    const timer = setTimeout(() => {
      r.destroy();
      done({ status: 0, text: '', body: undefined, headers: {}, error: 'no answer within the bound', hung: true });
    }, req.boundMs ?? 120_000);
    r.on('error', (e) => done({ status: 0, text: '', body: undefined, headers: {}, error: e.message, hung: false }));
    if (payload !== undefined) r.write(payload);
    r.end();
  });
}
