/**
 * Fills the rendering benchmark's Neo4j with a generated dataset: exactly the
 * nodes, labels, relationships and properties our importer writes (its own
 * validation, `entityProps`/`claimProps`, schema and entity statement), with
 * one difference: claims are `CREATE`d, in transactions of 5 000, where the
 * importer `MERGE`s them in one transaction. On Neo4j 5.26 the importer's
 * dynamic-type `MERGE (a)-[r:$(row.type) {id: row.id}]->(b)` is planned as a
 * scan of all relationships per row, so a 125k-claim import takes the better
 * part of an hour; import speed is benchmark 1's subject, not this one's, and
 * the store is empty before, so creating gives the same graph.
 * `--importer ours` in bench/render.ts uses `importDataset` instead.
 */
import type { Driver } from 'neo4j-driver';
import { validateDataset, validatedRecords } from '../../server/import/load.ts';
import { applySchema, claimProps, datasetProps, entityProps, mergeProps } from '../../server/import/write.ts';
import type { Claim, Entity, Source } from '../../server/model/dataset.ts';
import { KIND_LABELS, type EntityKind } from '../../server/model/kinds.ts';
import { cypher } from '../../server/neo4j/cypher.ts';

const CREATE_CLAIMS = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS written`;

export async function loadStore(driver: Driver, folder: string, log: (l: string) => void): Promise<{ entities: number; claims: number }> {
  const plan = await validateDataset(folder);
  const dataset = plan.meta.name;
  await applySchema(driver);
  const batch = 5000;
  let rows: Record<string, unknown>[] = [];
  let entities = 0;
  let claims = 0;
  const flush = async (statement: string) => {
    if (!rows.length) return;
    const res = await driver.executeQuery(statement, { rows, dataset });
    const written = res.records[0]?.get('written') as { toNumber(): number } | undefined;
    if (written !== undefined && written.toNumber() !== rows.length) throw new Error(`${rows.length - written.toNumber()} claims not written: an endpoint is missing`);
    rows = [];
  };
  try {
    for (const section of ['entities', 'sources'] as const) {
      for await (const v of validatedRecords(plan, section)) {
        const e = v as Entity | Source;
        const props = entityProps(e, dataset);
        rows.push({ id: e.id, label: KIND_LABELS[e.kind as EntityKind], props, merge: mergeProps(props), names: [e.name, ...e.aliases] });
        entities++;
        if (rows.length >= batch) await flush(cypher('import/merge-entities'));
      }
    }
    await flush(cypher('import/merge-entities'));
    for await (const v of validatedRecords(plan, 'claims')) {
      const c = v as Claim;
      rows.push({ type: c.type, from: c.from, to: c.to, props: claimProps(c, dataset) });
      claims++;
      if (rows.length >= batch) {
        await flush(CREATE_CLAIMS);
        if (claims % 25_000 === 0) log(`  ${claims} claims`);
      }
    }
    await flush(CREATE_CLAIMS);
    await driver.executeQuery(cypher('import/merge-dataset'), datasetProps(plan, dataset));
  } finally {
    await plan.cleanup?.();
  }
  return { entities, claims };
}
