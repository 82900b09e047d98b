/**
 * `claimgraph` (bin/claimgraph.js runs this file through tsx):
 *
 *   claimgraph import <file or folder> [--format native|csv|ftm] [--dataset name] [--replace name]
 *   claimgraph export --format <format> [--out file] [--all | --ids a,b | --neighborhood id | --cypher query]
 *   claimgraph query "<cypher>" [--param k=v] [--json]
 *   claimgraph stats [--json]
 *   claimgraph verify <dataset> [--documents dir] [--json]
 *   claimgraph db start|stop|status
 *
 * Exit codes: see exit.ts (0 ok, 1 invalid input/data, 2 usage, 3 database,
 * 4 refused query).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXPORT_FORMATS } from '../kernel/contract.ts';
import { FORMATS } from '../import/inputs.ts';
import { dbStart, dbStatus, dbStop } from './db.ts';
import { CliError, EXIT, EXIT_HELP, type ExitCode } from './exit.ts';
import { runExport } from './export.ts';
import { runImport, WRITE_MODES_HELP } from './import.ts';
import { parseParams, readStdin, runQuery } from './query.ts';
import { runStats } from './stats.ts';
import { runVerify } from '../provenance/verify-command.ts';

function int(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`an integer from ${min} to ${max}`);
    return n;
  };
}

const collect = (value: string, previous: string[]) => [...previous, value];
const list = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean));

const CONNECTION_HELP = `
Neo4j: NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) when set; else
the local Neo4j of "claimgraph db start" when it runs; else a local Neo4j started
for this command alone (slower).`;

export function buildProgram(setExit: (code: ExitCode) => void): Command {
  const program = new Command('claimgraph')
    .description('claimgraph: a knowledge graph where every relationship is a sourced claim.')
    .version('0.1.0')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', `\n${EXIT_HELP}\n${CONNECTION_HELP}`);

  program
    .command('import')
    .description('Validate a dataset, then write it to Neo4j, all or nothing (one transaction, or chunks undone on failure).')
    .argument('[path]', 'a dataset folder, or one file: YAML/JSON/JSONL, CSV, FollowTheMoney JSON lines, or a ZIP of CSV files')
    .addOption(new Option('--format <format>', 'read every file as this format instead of detecting it').choices([...FORMATS]))
    .option('--dataset <name>', "the dataset's name (default: dataset.yaml's, or the file's or folder's name)")
    .option('--replace <name>', 'first remove what dataset <name> contributed (same transaction); without a path, only remove it')
    .option('--dry-run', 'validate only; write nothing')
    .option('--atomic', 'write in one transaction, whatever the size (needs server memory for the whole dataset)')
    .option('--chunked', 'write in committed chunks, undone on failure, whatever the size')
    .option('--tx-rows <n>', 'rows per chunk (implies --chunked; default 50000)', int(1, 10_000_000))
    .option('--json', 'print the summary as JSON')
    .option('-q, --quiet', 'no progress bar and no notes on standard error')
    .option('--documents <dir>', "a folder of the sources' documents, to check every quote against (also looked in: <dataset>/documents/)")
    .option('--allow-unverified', 'import claims whose quote is not found in its document (marked not-found), and documents whose hash changed')
    .addHelpText(
      'after',
      `
${WRITE_MODES_HELP}
Where a source's document is available (--documents, or <dataset>/documents/),
every quote is checked against it: a quote not found is an error and nothing
is written, unless --allow-unverified. See "claimgraph verify".

Formats are detected from each file's content: FtM when the first line is a JSON
object with "schema" and "id", CSV for .csv/.tsv files (entities.csv, claims.csv,
sources.csv), else claimgraph's own YAML/JSON/JSONL. See data/README.md.

Examples:
  claimgraph import data/mek-network
  claimgraph import sanctions.ftm.json --dataset sanctions
  claimgraph import spreadsheet/ --format csv --replace spreadsheet
  claimgraph import --replace sanctions          # remove one dataset

${EXIT_HELP}`,
    )
    .action(async (path: string | undefined, o: { format?: (typeof FORMATS)[number]; dataset?: string; replace?: string; dryRun?: boolean; json?: boolean; quiet?: boolean; atomic?: boolean; chunked?: boolean; txRows?: number; documents?: string; allowUnverified?: boolean }) => {
      setExit(await runImport({ target: path, ...o }));
    });

  program
    .command('export')
    .description('Write a selection of the graph in one of the API\'s export formats, to a file or to standard output.')
    .addOption(new Option('--format <format>', 'export format').choices([...EXPORT_FORMATS]).makeOptionMandatory())
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
    .option('-q, --quiet', 'nothing on standard error')
    .addHelpText(
      'after',
      `
Formats: ${EXPORT_FORMATS.join(', ')} (csv is a ZIP of nodes.csv, edges.csv and sources.csv).

Examples:
  claimgraph export --format gexf --out graph.gexf
  claimgraph export --format ftm --neighborhood maryam-rajavi --depth 2 > rajavi.ftm.json
  claimgraph export --format csv --cypher "MATCH (n:Person) RETURN n" -o people.csv.zip

${EXIT_HELP}`,
    )
    .action(
      async (o: {
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
        quiet?: boolean;
      }) => {
        const chosen = [o.all, o.ids, o.neighborhood, o.cypher].filter((x) => x !== undefined);
        if (chosen.length > 1) throw new CliError(EXIT.USAGE, 'Choose one selection: --all, --ids, --neighborhood or --cypher.');
        let selection: Record<string, unknown>;
        if (o.ids !== undefined) selection = { type: 'ids', ids: list(o.ids), ...(o.depth !== undefined ? { depth: o.depth } : {}) };
        else if (o.neighborhood !== undefined) {
          selection = {
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
        } else if (o.cypher !== undefined) {
          const params = parseParams(o.param);
          selection = { type: 'cypher', query: o.cypher, ...(Object.keys(params).length ? { params } : {}) };
        } else selection = { type: 'all' };
        setExit(await runExport({ format: o.format, out: o.out, selection, quiet: o.quiet }));
      },
    );

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
    .action(async (text: string | undefined, o: { param: string[]; params?: string; json?: boolean; limit?: number; timeout?: number; quiet?: boolean }) => {
      const query = text === undefined || text === '-' ? (process.stdin.isTTY && text === undefined ? '' : await readStdin()) : text;
      setExit(await runQuery({ query, params: parseParams(o.param, o.params), json: o.json, limit: o.limit, timeoutMs: o.timeout, quiet: o.quiet }));
    });

  program
    .command('stats')
    .description('Count entities by kind, claims by type and status, and each dataset\'s nodes and claims.')
    .option('--json', 'print JSON')
    .option('-q, --quiet', 'nothing on standard error')
    .addHelpText('after', `\n${EXIT_HELP}`)
    .action(async (o: { json?: boolean; quiet?: boolean }) => {
      setExit(await runStats(o));
    });

  // Provenance (issue 11): the command's logic is server/provenance/verify-command.ts.
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
    .action(async (dataset: string, o: { documents?: string; json?: boolean }) => {
      setExit((await runVerify({ target: dataset, documents: o.documents, json: o.json })) as ExitCode);
    });

  const db = program
    .command('db')
    .description('Run the local Neo4j (no Docker: Java 17+ and Maven) in the background.')
    .addHelpText(
      'after',
      `
The data folder is NEO4J_DATA_DIR (default .neo4j/data in the project); the
password is NEO4J_PASSWORD, else generated once and kept in <data dir>/password.
While it runs, the other commands use it (unless NEO4J_URI is set).

${EXIT_HELP}
  (db status exits 3 when Neo4j is not running)`,
    );
  const dbOpts = (c: Command) => c.option('--data-dir <dir>', 'Neo4j data folder (default NEO4J_DATA_DIR or .neo4j/data)').option('--json', 'print JSON').option('-q, --quiet', 'nothing on standard error');
  dbOpts(
    db
      .command('start')
      .description('Start Neo4j in the background and wait until it is ready; prints its bolt URI.')
      .option('--port <port>', 'Bolt port on 127.0.0.1 (default NEO4J_BOLT_PORT or 7687)', int(1, 65535))
      .option('--timeout <seconds>', 'how long to wait for it (default 600: the first start builds the launcher)', int(1, 3600)),
  ).action(async (o: { dataDir?: string; port?: number; timeout?: number; json?: boolean; quiet?: boolean }) => {
    setExit(await dbStart({ dataDir: o.dataDir, port: o.port, timeoutSeconds: o.timeout, json: o.json, quiet: o.quiet }));
  });
  dbOpts(db.command('stop').description('Stop the background Neo4j (SIGTERM, then wait).').option('--timeout <seconds>', 'how long to wait before killing it (default 90)', int(1, 3600))).action(
    async (o: { dataDir?: string; timeout?: number; json?: boolean; quiet?: boolean }) => {
      setExit(await dbStop({ dataDir: o.dataDir, timeoutSeconds: o.timeout, json: o.json, quiet: o.quiet }));
    },
  );
  dbOpts(db.command('status').description('Say whether the background Neo4j runs, and its bolt URI (exit 3 when it does not).')).action(
    async (o: { dataDir?: string; json?: boolean; quiet?: boolean }) => {
      setExit(await dbStatus({ dataDir: o.dataDir, json: o.json }));
    },
  );

  // Usage errors exit 2 (commander's own default is 1); help and version exit 0.
  const override = (c: Command) => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  override(program);
  return program;
}

export async function main(argv: string[] = process.argv): Promise<number> {
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

process.exitCode = await main();
