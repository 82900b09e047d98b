/**
 * Exit codes of the `claimgraph` command (and `npm run import`), for scripts:
 *   0  done
 *   1  invalid input or data (a dataset that fails validation, a Cypher
 *      syntax error, an export selection naming ids that do not exist)
 *   2  bad usage (unknown command or option, missing argument)
 *   3  the database is unreachable or failed (nothing was written)
 *   4  the query was refused (not read-only, or a procedure not allowed)
 */
export const EXIT = { OK: 0, INVALID: 1, USAGE: 2, DATABASE: 3, REFUSED: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_HELP = `Exit codes:
  0  done
  1  invalid input or data (dataset errors, Cypher syntax, unknown ids)
  2  bad usage (unknown command or option, missing argument)
  3  database unreachable or failed (nothing written)
  4  query refused (not read-only)`;

/** An error that ends the command with a given exit code and message. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

/** The exit code for an ApiError code (query, export). */
export function exitForApiCode(code: string): ExitCode {
  switch (code) {
    case 'QUERY_REFUSED':
      return EXIT.REFUSED;
    case 'BAD_REQUEST':
    case 'CYPHER_SYNTAX':
    case 'NOT_FOUND':
    case 'QUERY_FAILED':
    case 'PAYLOAD_TOO_LARGE':
    case 'RESULT_TOO_LARGE':
      return EXIT.INVALID;
    default:
      return EXIT.DATABASE;
  }
}
