/**
 * `claimgraph query`: read-only Cypher through the same safety layer as the
 * API's /api/cypher (server/reads/cypher/index.ts), printed as a table or,
 * with --json, as the API's CypherResult.
 */
import { ApiError } from '../../kernel/errors.ts';
import { runSafeQuery } from '../../reads/cypher/index.ts';
import { collect, int, parseParams, type CliCommand } from '../command.ts';
import { withDeps } from '../connect.ts';
import { CliError, EXIT, EXIT_HELP, exitForApiCode, type ExitCode } from '../exit.ts';
import { formatTable } from '../table.ts';

export interface QueryOptions {
  query: string;
  params: Record<string, unknown>;
  json?: boolean;
  limit?: number;
  timeoutMs?: number;
  quiet?: boolean;
}

export const queryCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('query')
      .description('Run a read-only Cypher query and print the rows as a table (or JSON).')
      .argument('[cypher]', 'the query; "-" or nothing reads it from standard input')
      .option('--param <name=value>', 'a query parameter (repeatable; JSON values allowed: --param n=3)', collect, [])
      .option('--params <json>', 'query parameters as one JSON object')
      .option('--json', "print the API's CypherResult JSON (columns, rows, graph, truncated, summary)")
      .option('--limit <rows>', 'at most this many rows (default QUERY_ROW_CAP)', int(1, 1_000_000))
      .option('--timeout <ms>', 'time limit (default QUERY_TIMEOUT_MS)', int(100, 600_000))
      .option('-q, --quiet', 'no row count on standard error')
      .addHelpText(
        'after',
        `
Queries that write, call procedures outside a read-only allowlist, or touch
other databases are refused (exit 4).

Examples:
  claimgraph query "MATCH (p:Person)-[r:LEADS]->(o) RETURN p.name, o.name, r.status"
  claimgraph query 'MATCH (n {id: $id}) RETURN n' --param id=maryam-rajavi --json
  echo "MATCH (n) RETURN count(n)" | claimgraph query

${EXIT_HELP}`,
      )
      .action(
        ctx.action(async (text: string | undefined, o: { param: string[]; params?: string; json?: boolean; limit?: number; timeout?: number; quiet?: boolean }) => {
          const query = text === undefined || text === '-' ? (process.stdin.isTTY && text === undefined ? '' : await readStdin()) : text;
          return runQuery({ query, params: parseParams(o.param, o.params), json: o.json, limit: o.limit, timeoutMs: o.timeout, quiet: o.quiet });
        }),
      );
  },
};

async function readStdin(): Promise<string> {
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
