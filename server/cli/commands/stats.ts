/** `claimgraph stats`: what the graph holds, by kind, type, status and dataset. */
import { schemaInfo } from '../../reads/schema.ts';
import { VERIFICATION_OUTCOMES } from '../../model/verification.ts';
import { cypher } from '../../neo4j/cypher.ts';
import { toPlain } from '../../neo4j/values.ts';
import type { CliCommand } from '../command.ts';
import { withDeps } from '../connect.ts';
import { EXIT, EXIT_HELP, type ExitCode } from '../exit.ts';
import { formatTable } from '../table.ts';

export const statsCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('stats')
      .description("Count entities by kind, claims by type and status, and each dataset's nodes, claims and claims by verification outcome.")
      .option('--json', 'print JSON')
      .option('-q, --quiet', 'nothing on standard error')
      .addHelpText('after', `\n${EXIT_HELP}`)
      .action(ctx.action(async (o: { json?: boolean; quiet?: boolean }) => runStats(o)));
  },
};

export async function runStats(o: { json?: boolean; quiet?: boolean }): Promise<ExitCode> {
  return withDeps({ quiet: o.quiet }, async (deps) => {
    const info = await schemaInfo(deps);
    const res = await deps.driver.executeQuery(cypher('datasets/status-counts'), {}, { database: deps.database, routing: 'READ' });
    const statuses = res.records.map((r) => ({ status: String(r.get('status')), count: Number(toPlain(r.get('count'))) }));
    const stats = {
      entities: info.labels.find((l) => l.label === 'Entity')?.count ?? 0,
      claims: info.relationshipTypes.reduce((n, t) => n + t.count, 0),
      kinds: info.kinds.filter((k) => k.count > 0).map((k) => ({ kind: k.kind, count: k.count })),
      types: info.relationshipTypes.map((t) => ({ type: t.type, count: t.count })),
      statuses,
      datasets: info.datasets,
    };
    if (o.json) {
      console.log(JSON.stringify(stats, null, 2));
      return EXIT.OK;
    }
    console.log(`${stats.entities} entities (sources included), ${stats.claims} claims\n`);
    console.log(formatTable(['kind', 'count'], stats.kinds.map((k) => [k.kind, k.count])));
    console.log();
    console.log(formatTable(['claim type', 'count'], stats.types.map((t) => [t.type, t.count])));
    console.log();
    console.log(formatTable(['status', 'count'], stats.statuses.map((s) => [s.status, s.count])));
    console.log();
    console.log(formatTable(['dataset', 'title', 'nodes', 'claims'], stats.datasets.map((d) => [d.name, d.title, d.nodes, d.claims])));
    console.log();
    // Provenance (issue 11): claims by what checking their quotes against the documents found.
    console.log(formatTable(['dataset', ...VERIFICATION_OUTCOMES], stats.datasets.map((d) => [d.name, ...VERIFICATION_OUTCOMES.map((o) => d.verification[o])])));
    return EXIT.OK;
  });
}
