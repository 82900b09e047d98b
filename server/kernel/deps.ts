/**
 * What every layer below the HTTP server needs to talk to Neo4j: the driver,
 * the database, the validated configuration and a logger. The API builds one
 * per app and adds each request's abort signal; the CLI builds one per
 * command; tests build their own.
 */
import type { Driver } from 'neo4j-driver';
import type { Config } from '../config.ts';
import type { Logger } from './log.ts';

export interface Deps {
  driver: Driver;
  database: string | undefined;
  config: Config;
  log: Logger;
  /**
   * Aborted when the caller goes away before its answer (an HTTP client
   * disconnecting): reads then stop their Neo4j work.
   */
  signal?: AbortSignal;
  /** Bounds on the expensive routes running at once (the API's limiter; default: HEAVY_CONCURRENCY and HEAVY_QUEUE of the config). */
  limits?: { concurrency?: number; queue?: number; retryAfterSeconds?: number };
}
