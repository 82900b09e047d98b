/**
 * `claimgraph db start|stop|status|run`: the local Neo4j (no Docker: Java 17+
 * and Maven), in the background (start, stop, status: ../db/background.ts)
 * or in the foreground (run, what `npm run db` does: ../db/foreground.ts).
 * The hidden `db daemon` is the background process itself (../db/daemon.ts).
 */
import type { Command } from 'commander';
import { int, type CliCommand } from '../command.ts';
import { dbStart, dbStatus, dbStop, type DbOptions } from '../db/background.ts';
import { runDaemon } from '../db/daemon.ts';
import { DB_ENV_HELP, runForeground } from '../db/foreground.ts';
import { EXIT, EXIT_HELP } from '../exit.ts';

const port = () => int(1, 65535);

export const dbCommand: CliCommand = {
  register(program, ctx) {
    const db = program
      .command('db')
      .description('Run the local Neo4j (no Docker: Java 17+ and Maven) in the background, or in the foreground (run).')
      .addHelpText(
        'after',
        `
The data folder is NEO4J_DATA_DIR (default .neo4j/data in the project); the
password is NEO4J_PASSWORD, else generated once and kept in <data dir>/password.
While it runs, the other commands use it (unless NEO4J_URI is set).

${EXIT_HELP}
  (db status exits 3 when Neo4j is not running)`,
      );
    const common = (c: Command) =>
      c.option('--data-dir <dir>', 'Neo4j data folder (default NEO4J_DATA_DIR or .neo4j/data)').option('--json', 'print JSON').option('-q, --quiet', 'nothing on standard error');

    common(
      db
        .command('start')
        .description('Start Neo4j in the background and wait until it is ready; prints its bolt URI.')
        .option('--port <port>', 'Bolt port on 127.0.0.1 (default NEO4J_BOLT_PORT or 7687)', port())
        .option('--timeout <seconds>', 'how long to wait for it (default 600: the first start builds the launcher)', int(1, 3600)),
    ).action(ctx.action(async (o: DbOptions & { timeout?: number }) => dbStart({ ...o, timeoutSeconds: o.timeout })));

    common(db.command('stop').description('Stop the background Neo4j (SIGTERM, then wait).').option('--timeout <seconds>', 'how long to wait before killing it (default 90)', int(1, 3600))).action(
      ctx.action(async (o: DbOptions & { timeout?: number }) => dbStop({ ...o, timeoutSeconds: o.timeout })),
    );

    common(db.command('status').description('Say whether the background Neo4j runs, and its bolt URI (exit 3 when it does not).')).action(
      ctx.action(async (o: DbOptions) => dbStatus({ dataDir: o.dataDir, json: o.json })),
    );

    db.command('run')
      .description('Run Neo4j in the foreground until Ctrl+C (what `npm run db` does); Bolt on 127.0.0.1 only.')
      .option('--port <port>', 'Bolt port on 127.0.0.1 (default NEO4J_BOLT_PORT or 7687)', port())
      .option('--data-dir <dir>', 'Neo4j data folder (default NEO4J_DATA_DIR or .neo4j/data)')
      .option('-q, --quiet', "hide Neo4j's own log lines")
      .addHelpText('after', `\nNeo4j Community runs embedded in launcher/ (built with Maven on first use).\n\n${DB_ENV_HELP}\n\n${EXIT_HELP}`)
      .action(
        ctx.action(async (o: { port?: number; dataDir?: string; quiet?: boolean }) => {
          await runForeground(o);
          return EXIT.OK;
        }),
      );

    db.command('daemon', { hidden: true })
      .description('The background process of "db start" (not for direct use).')
      .option('--data-dir <dir>')
      .option('--port <port>', '', port())
      .action(
        ctx.action(async (o: { dataDir?: string; port?: number }) => {
          await runDaemon(o);
          return EXIT.OK;
        }),
      );
  },
};
