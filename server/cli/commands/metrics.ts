/**
 * `claimgraph metrics`: PageRank, degree, betweenness and Louvain communities
 * over the whole graph, computed in Neo4j by Graph Data Science and stored on
 * every entity (server/import/derived/metrics.ts). Without GDS on the server
 * it says so and exits 3; the client then computes its metrics over what it
 * draws.
 */
import { computeMetrics, type MetricsSummary } from '../../import/derived/metrics.ts';
import { int, type CliCommand } from '../command.ts';
import { withDeps } from '../connect.ts';
import { EXIT, EXIT_HELP, type ExitCode } from '../exit.ts';

export function formatMetrics(m: MetricsSummary): string {
  if (!m.available) {
    return 'This Neo4j has no Graph Data Science procedures: nothing computed. The client computes degree, PageRank and betweenness over what it draws.';
  }
  const steps = m.steps.map((s) => `${s.step} ${(s.ms / 1000).toFixed(1)} s${s.writeMs !== undefined ? ` (writing ${(s.writeMs / 1000).toFixed(1)})` : ''}`).join(', ');
  const betweenness = m.betweennessSamples === null ? 'exact' : `estimated from ${m.betweennessSamples.toLocaleString('en')} source nodes`;
  return [
    `Graph metrics stored on ${m.entities.toLocaleString('en')} entities (${m.relationships.toLocaleString('en')} claims) by GDS ${m.gdsVersion} in ${(m.ms / 1000).toFixed(1)} s:`,
    `  pagerank, degree, betweenness (${betweenness}), community (${m.communities.toLocaleString('en')} Louvain communities, modularity ${m.modularity.toFixed(3)})`,
    `  ${steps}`,
  ].join('\n');
}

export async function runMetrics(o: { json?: boolean; quiet?: boolean; samples?: number }): Promise<ExitCode> {
  return withDeps({ quiet: o.quiet }, async (deps) => {
    const m = await computeMetrics(deps.driver, {
      database: deps.database,
      samples: o.samples,
      onStep: (s) => {
        if (!o.quiet && !o.json) process.stderr.write(`metrics: ${s}\n`);
      },
    });
    console.log(o.json ? JSON.stringify(m, null, 2) : formatMetrics(m));
    return m.available ? EXIT.OK : EXIT.DATABASE;
  });
}

export const metricsCommand: CliCommand = {
  register(program, ctx) {
    program
      .command('metrics')
      .description('Compute PageRank, degree, betweenness and Louvain communities over the whole graph in Neo4j (Graph Data Science) and store them on every entity.')
      .option('--samples <n>', 'source nodes for sampled betweenness on graphs above 20,000 entities (default 256)', int(1, 1_000_000))
      .option('--json', 'print the summary as JSON')
      .option('-q, --quiet', 'no progress on standard error')
      .addHelpText(
        'after',
        `
The properties pagerank, degree (distinct neighbours), betweenness and community
are plain node properties: the client sizes and colours by them, and Cypher reads
them (MATCH (n:Person) RETURN n.name, n.pagerank ORDER BY n.pagerank DESC LIMIT 10).
The local Neo4j has Graph Data Science; a remote one may not (exit 3, nothing written).

${EXIT_HELP}`,
      )
      .action(ctx.action(async (o: { json?: boolean; quiet?: boolean; samples?: number }) => runMetrics(o)));
  },
};
