/**
 * The real API on 127.0.0.1 with a random port, against the test Neo4j.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../server/api/app.ts';
import { createLogger } from '../../server/kernel/log.ts';
import { testConfig, testDriver, testNeo4j } from './neo4j.ts';

export interface TestServer {
  url: string;
  close(): Promise<void>;
  get(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: unknown; text: string }>;
  post(path: string, body: unknown, init?: RequestInit): Promise<{ status: number; headers: Headers; body: unknown; text: string }>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const app = createApp({ driver: testDriver(), database: testNeo4j().database, config: testConfig(env), log: createLogger('silent') });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(url + path, init);
    const text = await res.text();
    let body: unknown = undefined;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body, text };
  };
  return {
    url,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    get: (path, init) => call(path, init),
    post: (path, body, init = {}) =>
      call(path, { ...init, method: 'POST', headers: { 'content-type': 'application/json', ...(init.headers ?? {}) }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
  };
}
