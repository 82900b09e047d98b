/**
 * `claimgraph query`: read-only Cypher through the same safety layer as the
 * API's /api/cypher (server/reads/cypher/index.ts), printed as a table or,
 * with --json, as the API's CypherResult.
 */
import { ApiError } from '../kernel/errors.ts';
import { runSafeQuery } from '../reads/cypher/index.ts';
import { withDeps } from './connect.ts';
import { CliError, EXIT, exitForApiCode, type ExitCode } from './exit.ts';
import { formatTable } from './table.ts';

export interface QueryOptions {
  query: string;
  params: Record<string, unknown>;
  json?: boolean;
  limit?: number;
  timeoutMs?: number;
  quiet?: boolean;
}

/** `name=value` pairs; a value that parses as JSON is that JSON value, else a string. */
export function parseParams(pairs: string[], json?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (json !== undefined) {
    let v: unknown;
    try {
      v = JSON.parse(json);
    } catch (err) {
      throw new CliError(EXIT.USAGE, `--params: not JSON: ${(err as Error).message}`);
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new CliError(EXIT.USAGE, '--params: expected a JSON object');
    Object.assign(out, v);
  }
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CliError(EXIT.USAGE, `--param: expected name=value, got "${pair}"`);
    const raw = pair.slice(at + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // a plain string
    }
    out[pair.slice(0, at)] = value;
  }
  return out;
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function runQuery(o: QueryOptions): Promise<ExitCode> {
  if (o.query.trim() === '') throw new CliError(EXIT.USAGE, 'Give a Cypher query (as the argument, or on standard input with "-").');
  return withDeps({ quiet: o.quiet }, async (deps) => {
    try {
      const result = await runSafeQuery(deps, o.query, o.params, { rowCap: o.limit, timeoutMs: o.timeoutMs });
      if (o.json) {
        console.log(JSON.stringify(result, null, 2));
      } else {
        console.log(formatTable(result.columns, result.rows as never, process.stdout.isTTY ? 80 : undefined));
        if (!o.quiet) {
          console.error(`(${result.summary.rowCount} row${result.summary.rowCount === 1 ? '' : 's'}${result.truncated ? `; cut at the row cap, raise it with --limit` : ''})`);
        }
      }
      return EXIT.OK;
    } catch (err) {
      if (err instanceof ApiError) {
        const detail = err.details && typeof err.details === 'object' && 'position' in (err.details as object) ? ` ${JSON.stringify((err.details as { position: unknown }).position)}` : '';
        if (o.json) console.log(JSON.stringify(err.toJSON(), null, 2));
        throw new CliError(exitForApiCode(err.code), `${err.code}: ${err.message}${detail}`);
      }
      throw err;
    }
  });
}
