/**
 * `claimgraph verify <dataset> [--documents <dir>] [--json]`: every quote
 * checked against its source's document. The command's logic is
 * server/provenance/verify-command.ts (loaded when the command runs, so
 * that the other commands start no slower); this module registers it.
 */
import type { CliCommand } from '../command.ts';
import type { ExitCode } from '../exit.ts';

export const verifyCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('verify')
      .description("Check every claim's quote against its source's document; print each quote not found, with the closest passage.")
      .argument('<dataset>', 'a dataset folder or file')
      .option('--documents <dir>', "a folder of the sources' documents (also looked in: <dataset>/documents/)")
      .option('--json', 'print the whole report as JSON')
      .addHelpText(
        'after',
        `
A source's document is <dir>/<document.file>, or <dir>/<sourceId>.txt|md|html|htm|pdf.
Quotes are compared after normalization (data/README.md, "Source documents and
verification"); pieces joined by "..." must each be found, in order. Needs no database.

Exit codes:
  0  every quote and anchor of a source with a document was found, no document changed
  1  a quote not found, a document changed or missing, nothing checked, or the dataset is invalid
  2  bad usage (e.g. --documents is not a folder)

Examples:
  claimgraph verify data/mek-network --documents ../shared/sources
  claimgraph verify my-dataset --json > report.json`,
      )
      .action(
        ctx.action(async (dataset: string, o: { documents?: string; json?: boolean }) => {
          const { runVerify } = await import('../../provenance/verify-command.ts');
          return (await runVerify({ target: dataset, documents: o.documents, json: o.json })) as ExitCode;
        }),
      );
  },
};
