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
