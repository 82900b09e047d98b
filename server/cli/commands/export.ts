/**
 * `claimgraph export`: the API's exports (same formats, same selections:
 * server/export/index.ts) to a file or to standard output.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Option } from 'commander';
import { writeExport } from '../../export/index.ts';
import { EXPORTERS, exporter } from '../../formats/index.ts';
import { ExportRequest } from '../../kernel/contract.ts';
import { ApiError, formatZodError } from '../../kernel/errors.ts';
import { collect, int, list, parseParams, type CliCommand } from '../command.ts';
import { withDeps } from '../connect.ts';
import { CliError, EXIT, EXIT_HELP, exitForApiCode, type ExitCode } from '../exit.ts';

interface ExportFlags {
  format: string;
  out?: string;
  all?: boolean;
  ids?: string;
  neighborhood?: string;
  cypher?: string;
  param: string[];
  depth?: number;
  types?: string;
  kinds?: string;
  status?: string;
  from?: string;
  to?: string;
  limit?: number;
  rawCsv?: boolean;
  quiet?: boolean;
}

export interface ExportOptions {
  format: string;
  out?: string;
  /** csv: cells as they are, formulas not neutralized. */
  raw?: boolean;
  /** The selection, as the API takes it (checked here with the API's schema). */
  selection: Record<string, unknown>;
  quiet?: boolean;
}

export const exportCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('export')
      .description("Write a selection of the graph in one of the API's export formats, to a file or to standard output.")
      .addOption(new Option('--format <format>', 'export format').choices(EXPORTERS.map((f) => f.id)).makeOptionMandatory())
      .option('-o, --out <file>', 'write to this file (default: standard output)')
      .option('--all', 'the whole graph (the default selection)')
      .option('--ids <ids>', 'these entity ids (comma-separated), expanded --depth hops')
      .option('--neighborhood <id>', 'the neighborhood of one entity, --depth hops')
      .option('--cypher <query>', 'the nodes and relationships a read-only Cypher query returns')
      .option('--param <name=value>', 'a parameter of --cypher (repeatable; JSON values allowed)', collect, [])
      .option('--depth <n>', 'hops (ids: 0-3, default 0; neighborhood: 1-3, default 1)', int(0, 3))
      .option('--types <types>', 'neighborhood: only these relationship types (comma-separated)')
      .option('--kinds <kinds>', 'neighborhood: only these entity kinds (comma-separated)')
      .option('--status <statuses>', 'neighborhood: only claims with these statuses (comma-separated)')
      .option('--from <date>', 'neighborhood: only claims from this date')
      .option('--to <date>', 'neighborhood: only claims up to this date')
      .option('--limit <n>', 'neighborhood: at most this many nodes', int(1, 100_000))
      .option('--raw-csv', "csv: write cells as they are (by default text a spreadsheet would run as a formula, starting with = + - @ tab or CR, gets a leading ')")
      .option('-q, --quiet', 'nothing on standard error')
      .addHelpText(
        'after',
        `
Formats:
${EXPORTERS.map((f) => `  ${f.id.padEnd(11)}${f.label}: ${f.hint} (${f.writer.extension})`).join('\n')}
csv is a ZIP of nodes.csv, edges.csv and sources.csv; text cells that a spreadsheet
would run as a formula (=, +, -, @, tab, CR first) get a leading ' (OWASP CSV
injection guidance; numbers stay numbers); --raw-csv writes them as they are.

Examples:
  claimgraph export --format gexf --out graph.gexf
  claimgraph export --format ftm --neighborhood maryam-rajavi --depth 2 > rajavi.ftm.json
  claimgraph export --format csv --cypher "MATCH (n:Person) RETURN n" -o people.csv.zip

${EXIT_HELP}`,
      )
      .action(ctx.action(async (o: ExportFlags) => runExport({ format: o.format, out: o.out, raw: o.rawCsv, selection: selectionOf(o), quiet: o.quiet })));
  },
};

/** The API's selection object for the flags (one of --all, --ids, --neighborhood, --cypher). */
function selectionOf(o: ExportFlags): Record<string, unknown> {
  const chosen = [o.all, o.ids, o.neighborhood, o.cypher].filter((x) => x !== undefined);
  if (chosen.length > 1) throw new CliError(EXIT.USAGE, 'Choose one selection: --all, --ids, --neighborhood or --cypher.');
  if (o.ids !== undefined) return { type: 'ids', ids: list(o.ids), ...(o.depth !== undefined ? { depth: o.depth } : {}) };
  if (o.neighborhood !== undefined) {
    return {
      type: 'neighborhood',
      id: o.neighborhood,
      ...(o.depth !== undefined ? { depth: o.depth } : {}),
      ...(o.types ? { types: list(o.types) } : {}),
      ...(o.kinds ? { kinds: list(o.kinds) } : {}),
      ...(o.status ? { status: list(o.status) } : {}),
      ...(o.from ? { from: o.from } : {}),
      ...(o.to ? { to: o.to } : {}),
      ...(o.limit !== undefined ? { limit: o.limit } : {}),
    };
  }
  if (o.cypher !== undefined) {
    const params = parseParams(o.param);
    return { type: 'cypher', query: o.cypher, ...(Object.keys(params).length ? { params } : {}) };
  }
  return { type: 'all' };
}

export async function runExport(o: ExportOptions): Promise<ExitCode> {
  if (o.raw && o.format !== 'csv') throw new CliError(EXIT.USAGE, '--raw-csv is for --format csv.');
  const parsed = ExportRequest.safeParse({ format: o.format, selection: o.selection, ...(o.raw ? { raw: true } : {}) });
  if (!parsed.success) throw new CliError(EXIT.USAGE, formatZodError(parsed.error, 'export'));
  const req = parsed.data;
  const toFile = o.out !== undefined && o.out !== '-';
  if (!toFile && exporter(req.format).writer.binary && process.stdout.isTTY) {
    throw new CliError(EXIT.USAGE, `The ${req.format} export is binary (a ZIP archive): give --out <file>, or redirect standard output to a file.`);
  }
  return withDeps({ quiet: o.quiet }, async (deps) => {
    const out = toFile ? createWriteStream(o.out!) : process.stdout;
    try {
      await writeExport(deps, req, out);
      if (toFile) {
        await new Promise<void>((resolve, reject) => {
          out.once('error', reject);
          (out as NodeJS.WritableStream).end(() => resolve());
        });
        if (!o.quiet) console.error(`Wrote ${o.out}`);
      }
      return EXIT.OK;
    } catch (err) {
      if (toFile) {
        (out as NodeJS.WritableStream & { destroy(): void }).destroy();
        await rm(o.out!, { force: true });
      }
      if (err instanceof ApiError) throw new CliError(exitForApiCode(err.code), `${err.code}: ${err.message}`);
      throw err;
    }
  });
}
