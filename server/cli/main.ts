/**
 * The `claimgraph` program (bin/claimgraph.js runs it through tsx; every npm
 * script of the app calls it): the commands of commands/index.ts, one
 * commander program, one mapping of errors to exit codes (exit.ts: 0 ok,
 * 1 invalid input/data, 2 usage, 3 database, 4 refused query).
 */
import { Command, CommanderError } from 'commander';
import { CONNECTION_HELP, type CommandContext } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { CliError, EXIT, EXIT_HELP, type ExitCode } from './exit.ts';

export function buildProgram(setExit: (code: ExitCode) => void): Command {
  const program = new Command('claimgraph')
    .description('claimgraph: a knowledge graph where every relationship is a sourced claim.')
    .version('0.1.0')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', `\n${EXIT_HELP}\n${CONNECTION_HELP}`);
  const ctx: CommandContext = {
    action:
      (fn) =>
      async (...args) =>
        setExit(await fn(...args)),
  };
  for (const command of COMMANDS) command.register(program, ctx);

  // Usage errors exit 2 (commander's own default is 1); help and version exit 0.
  const override = (c: Command) => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  override(program);
  return program;
}

/** Runs the program on `argv`; resolves to the exit code (long-running commands resolve once they serve). */
export async function main(argv: string[] = process.argv): Promise<ExitCode> {
  let code: ExitCode = EXIT.OK;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version'].includes(err.code)) return EXIT.OK;
      return EXIT.USAGE;
    }
    if (err instanceof CliError) {
      console.error(err.message);
      return err.exitCode;
    }
    console.error(`claimgraph: ${(err as Error).stack ?? String(err)}`);
    return EXIT.DATABASE;
  }
}
