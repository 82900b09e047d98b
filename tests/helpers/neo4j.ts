/**
 * Test access to the run's Neo4j (see global-setup.ts): a shared driver,
 * a wipe between tests, the real importer, and reads as plain objects.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../server/config.ts';
import { importDataset as runImport, type ImportSummary } from '../../server/import/index.ts';
import { toPlain } from '../../server/neo4j/values.ts';

let driver: Driver | undefined;

export function testNeo4j() {
  return inject('neo4j');
}

export function testDriver(): Driver {
  if (!driver) {
    const db = testNeo4j();
    driver = neo4j.driver(db.uri, neo4j.auth.basic(db.user, db.password));
  }
  return driver;
}

/** A Config pointing at the test Neo4j (as if NEO4J_URI were set). */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const db = testNeo4j();
  return loadConfig({
    NEO4J_URI: db.uri,
    NEO4J_USER: db.user,
    NEO4J_PASSWORD: db.password,
    ...(db.database ? { NEO4J_DATABASE: db.database } : {}),
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export async function closeTestDriver(): Promise<void> {
  await driver?.close();
  driver = undefined;
}

/** Deletes every node and relationship; schema (constraints, indexes) stays. */
export async function resetDatabase(): Promise<void> {
  const d = testDriver();
  await d.executeQuery('MATCH (n) DETACH DELETE n', {}, { database: testNeo4j().database });
}

export async function importDataset(folder: string): Promise<ImportSummary> {
  return runImport(testDriver(), folder, { database: testNeo4j().database });
}

/** Runs a read query; rows as plain JS objects (integers as numbers). */
export async function query<T = Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const res = await testDriver().executeQuery(cypher, params, { database: testNeo4j().database, routing: 'READ' });
  return res.records.map((r) => toPlain(r.toObject()) as T);
}

/** Node and relationship counts, for "nothing changed" assertions. */
export async function counts(): Promise<{ nodes: number; relationships: number }> {
  const [row] = await query<{ nodes: number; relationships: number }>(
    // Not the dense index's state node (server/import/derived/): every import refreshes it.
    'CALL () { MATCH (n) WHERE NOT n:DenseState RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  );
  return row!;
}
