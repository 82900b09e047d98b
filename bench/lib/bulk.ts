/**
 * The bulk import's baseline: Neo4j's own `neo4j-admin database import full`
 * on the same files. The files are the ones our bulk strategy writes
 * (server/import/write/bulk-csv.ts: the same writer, over the validated
 * records of the same dataset), written once per dataset into
 * `bench/data/<dataset>/bulk-csv/` (not timed). The tool is the admin CLI's
 * own entry point, `org.neo4j.cli.AdminTool` (what the `neo4j-admin` script
 * runs), in a JVM like ours (same heap flags, same jars), on a fresh Neo4j
 * home, with the same importer settings (threads, off-heap memory, array
 * delimiter, multiline files). Then, to reach the same database as our
 * import, Neo4j is started on that store and the same schema is created
 * (cypher/schema.cypher, indexes awaited): what a neo4j-admin user does next.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { validateDataset, validatedRecords } from '../../server/import/load.ts';
import { ARRAY_DELIMITER, BulkCsvWriter, mergeFiles, type BulkFiles } from '../../server/import/write/bulk-csv.ts';
import { datasetProps } from '../../server/import/write/props.ts';
import { applySchema } from '../../server/import/write.ts';
import type { Claim, Entity, Source } from '../../server/model/dataset.ts';
import { findFreePort, launcherJvm, startLocalNeo4j } from '../../server/neo4j/launcher.ts';
import type { Generated } from './common.ts';

/** Our bulk strategy's files for the dataset (written once, cached). */
export async function bulkFiles(data: Generated, log: (l: string) => void): Promise<BulkFiles> {
  const dir = path.join(data.dir, 'bulk-csv');
  const manifest = path.join(dir, 'files.json');
  if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')) as BulkFiles;
  log(`writing the bulk import's CSV files for the import tool into ${path.relative(process.cwd(), dir)} ...`);
  await rm(dir, { recursive: true, force: true });
  const plan = await validateDataset(data.dataset);
  const w = new BulkCsvWriter(dir, plan.meta.name);
  for await (const v of validatedRecords(plan, ['entities', 'sources', 'claims'])) {
    if ('from' in v) w.claim(v as Claim);
    else w.node(v as Entity | Source);
  }
  const d = new BulkCsvWriter(dir, plan.meta.name, 'd');
  d.plainNode(['Dataset'], { ...datasetProps(plan, plan.meta.name), importedAt: new Date().toISOString() });
  const files = mergeFiles(w.finish(), d.finish());
  await writeFile(manifest, JSON.stringify(files));
  return files;
}

export interface ToolRun {
  /** The import tool's process, start to exit. */
  toolMs: number;
  /** Then: Neo4j started on the store, the schema created and its indexes online. */
  startSchemaMs: number;
  totalMs: number;
  nodes: number;
  relationships: number;
}

/** `neo4j-admin database import full` (AdminTool) on `files` into a fresh home, then Neo4j started on it with the schema. */
export async function importTool(files: BulkFiles, home: string, o: { heap?: string; threads?: number; maxOffHeapMemory?: string; log?: (l: string) => void } = {}): Promise<ToolRun> {
  await rm(home, { recursive: true, force: true });
  await mkdir(path.join(home, 'conf'), { recursive: true });
  const jvm = await launcherJvm(o.heap ?? process.env.NEO4J_IMPORT_HEAP ?? '2g');
  const multiline = files.groups.filter((g) => g.multiline).flatMap((g) => [g.header, g.data]);
  const args = [
    ...jvm.jvmArgs,
    '-cp',
    jvm.jar,
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    ...files.groups.filter((g) => g.kind === 'nodes').map((g) => `--nodes=${g.names.join(':')}=${g.header},${g.data}`),
    ...files.groups.filter((g) => g.kind === 'relationships').map((g) => `--relationships=${g.names[0]}=${g.header},${g.data}`),
    ...(multiline.length ? [`--multiline-fields=${multiline.join(',')}`, '--multiline-fields-format=v2'] : []),
    `--array-delimiter=U+${ARRAY_DELIMITER.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    ...(o.threads ? [`--threads=${o.threads}`] : []),
    ...(o.maxOffHeapMemory ? [`--max-off-heap-memory=${o.maxOffHeapMemory}`] : []),
    `--report-file=${path.join(home, 'import.report')}`,
    'neo4j',
  ];
  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(jvm.java, args, { env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') }, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const onData = (d: Buffer) => {
      for (const l of d.toString('utf8').split('\n')) {
        if (!l.trim()) continue;
        tail.push(l);
        if (tail.length > 40) tail.shift();
        o.log?.(l);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('close', (c) => (c === 0 ? resolve(c) : reject(new Error(`the import tool exited with ${c}:\n${tail.join('\n')}`))));
  });
  const toolMs = performance.now() - t0;
  void code;
  const neo = await startLocalNeo4j({ port: await findFreePort(), dataDir: home, password: 'bench-password', startTimeoutMs: 600_000 });
  const driver = neo4j.driver(neo.uri, neo4j.auth.basic(neo.user, neo.password));
  try {
    await applySchema(driver);
    const totalMs = performance.now() - t0;
    const n = await driver.executeQuery('MATCH (n) RETURN count(n) AS c');
    const r = await driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS c');
    return {
      toolMs: Math.round(toolMs),
      startSchemaMs: Math.round(totalMs - toolMs),
      totalMs: Math.round(totalMs),
      nodes: Number(n.records[0]!.get('c')),
      relationships: Number(r.records[0]!.get('c')),
    };
  } finally {
    await driver.close();
    await neo.stop();
  }
}
