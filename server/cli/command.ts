/**
 * What a command of the `claimgraph` program is: one module under commands/
 * that adds itself to the program (commands/index.ts lists them), plus the
 * option parsers and help texts several commands share.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { CliError, EXIT, type ExitCode } from './exit.ts';

export interface CommandContext {
  /** Wraps an action so that the exit code it returns becomes the program's. */
  action<A extends unknown[]>(fn: (...args: A) => Promise<ExitCode>): (...args: A) => Promise<void>;
}

export interface CliCommand {
  /** Adds the command (its options, help text, subcommands and action) to the program. */
  register(program: Command, ctx: CommandContext): void;
}

/** An integer option from `min` to `max` (a usage error, exit 2, otherwise). */
export function int(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`an integer from ${min} to ${max}`);
    return n;
  };
}

/** A repeatable option, collected into a list. */
export const collect = (value: string, previous: string[]) => [...previous, value];

/** A comma-separated list option. */
export const list = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean));

export const CONNECTION_HELP = `
Neo4j: NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) when set; else
the local Neo4j of "claimgraph db start" when it runs; else a local Neo4j started
for this command alone (slower).`;

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
