/**
 * Environment, validated once at the boundary. Everything else takes a
 * `Config` and never reads process.env itself.
 */
import { z } from 'zod';

const Env = z.object({
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, 'a bolt://, bolt+s://, neo4j:// or neo4j+s:// URI')
    .optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().optional(),
  NEO4J_BOLT_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  NEO4J_DATA_DIR: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  API_TOKEN: z.string().min(8, 'API_TOKEN must be at least 8 characters').optional(),
  CORS_ORIGIN: z.string().optional(),
  QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /**
   * Time limit of each read of an export (a page of edges, or a streamed list whose transaction stays
   * open while the client downloads): the server's own default (30 s) made explicit.
   */
  EXPORT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  QUERY_ROW_CAP: z.coerce.number().int().min(1).max(1_000_000).default(5_000),
  // ---- Bounds on the cost of ad-hoc Cypher, checked before Neo4j sees it (server/reads/cypher/cost.ts; docs/limits.md) ----
  /** Characters of an ad-hoc query (the request schema's hard cap is 20 000). */
  QUERY_MAX_LENGTH: z.coerce.number().int().min(100).max(20_000).default(10_000),
  /** Tokens (words, numbers, strings, operators) of an ad-hoc query: planning time grows faster than linearly with them. */
  QUERY_MAX_TOKENS: z.coerce.number().int().min(50).max(20_000).default(1_000),
  /** Nesting of brackets, CASE and NOT / unary-minus chains in an ad-hoc query (Neo4j's parser overflows its stack at a few hundred). */
  QUERY_MAX_DEPTH: z.coerce.number().int().min(5).max(200).default(50),
  /** Elements a list expression may build or walk: range() outside UNWIND, nested list comprehensions, reduce() steps. */
  QUERY_MAX_LIST: z.coerce.number().int().min(100).max(10_000_000).default(100_000),
  /** Characters of a string, items of a list or entries of a map in each parameter value. */
  QUERY_MAX_PARAM_SIZE: z.coerce.number().int().min(10).max(1_000_000).default(10_000),
  /** Time for the safety check's EXPLAIN (parse and plan) of an ad-hoc query; part of QUERY_TIMEOUT_MS, never more. */
  QUERY_PLAN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Estimated JSON bytes of an ad-hoc query's rows: past it the answer is 413 RESULT_TOO_LARGE. */
  QUERY_MAX_BYTES: z.coerce.number().int().min(1_000).max(1_000_000_000).default(8_000_000),
  /** Estimated JSON bytes of one value of a row (a long string or list): past it the answer is 413 RESULT_TOO_LARGE. */
  QUERY_MAX_VALUE_BYTES: z.coerce.number().int().min(100).max(1_000_000_000).default(1_000_000),
  /** /api/cypher requests one client (IP address) may have running or waiting at once; more get 429. */
  CYPHER_CONCURRENCY_PER_CLIENT: z.coerce.number().int().min(1).max(1000).default(2),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Expensive requests (neighbourhoods, paths, /api/cypher, exports, ...) running at once; see server/api/limiter.ts. */
  HEAVY_CONCURRENCY: z.coerce.number().int().min(1, 'HEAVY_CONCURRENCY must be at least 1').max(1000).default(8),
  /** Expensive requests waiting for a slot beyond HEAVY_CONCURRENCY (0: none waits, the rest get 503 + Retry-After). */
  HEAVY_QUEUE: z.coerce.number().int().min(0).max(10_000).default(32),
  /**
   * Claims of a neighbourhood's expanded nodes up to which what the node cap left out is counted over
   * every claim (distinct nodes, amounts); above, claims per type stay exact and nodes and amounts are
   * lower bounds (`exact: false`; server/reads/neighborhood.ts).
   */
  LEFT_OUT_EXACT_CLAIMS: z.coerce.number().int().min(0).max(100_000_000).default(100_000),
  DEFAULT_DATASET: z.string().default('data/mek-network'),
  /**
   * A folder of source documents for the import `npm start` makes into an empty
   * database (like `--documents`): quotes are verified against them. Unset, only
   * the dataset's own documents/ folder is looked in (data/README.md).
   */
  DOCUMENTS_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
});

export type Config = z.output<typeof Env>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
