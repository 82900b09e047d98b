/**
 * One real Neo4j for the test run, chosen in this order:
 *   1. NEO4J_URI (with NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE) when set;
 *   2. a testcontainers Neo4j 5.26 when a Docker engine answers;
 *   3. otherwise the local embedded launcher on a free port with a temp store.
 * Tests read the connection through `inject('neo4j')`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { findFreePort, startLocalNeo4j } from '../../server/neo4j/launcher.ts';

export interface TestNeo4j {
  uri: string;
  user: string;
  password: string;
  database?: string;
  via: 'env' | 'testcontainers' | 'launcher';
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000)),
    ]);
    return true;
  } catch {
    return false;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.NEO4J_URI) {
    project.provide('neo4j', {
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      database: process.env.NEO4J_DATABASE,
      via: 'env',
    });
    return async () => {};
  }
  if (process.env.CLAIMGRAPH_TEST_DOCKER !== '0' && (await dockerAnswers())) {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    const password = 'claimgraph-test';
    const container = await new Neo4jContainer('neo4j:5.26-community').withPassword(password).start();
    project.provide('neo4j', { uri: container.getBoltUri(), user: 'neo4j', password, via: 'testcontainers' });
    return async () => {
      await container.stop();
    };
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-test-neo4j-'));
  const port = await findFreePort();
  const db = await startLocalNeo4j({ port, dataDir, password: 'claimgraph-test-password' });
  project.provide('neo4j', { uri: db.uri, user: db.user, password: db.password, via: 'launcher' });
  return async () => {
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
