/**
 * One way to reach Neo4j for the whole app: a server named by NEO4J_URI
 * (cluster and Aura URIs included), or else the local embedded Neo4j that this
 * module starts, keeps running (supervisor.ts restarts it when it dies) and
 * later stops. A remote server is never restarted from here: while it is away
 * queries fail as unavailable (the API answers 503) and the driver reconnects
 * when it returns.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config.ts';
import { superviseLocalNeo4j, type SupervisedNeo4j } from './supervisor.ts';

export interface Connection {
  driver: Driver;
  /** undefined: the server's default database. */
  database: string | undefined;
  uri: string;
  /** The local Neo4j this connection started and supervises, if any. */
  local: SupervisedNeo4j | undefined;
  close(): Promise<void>;
}

export interface ConnectOptions {
  log?: (line: string) => void;
}

export function createDriver(uri: string, user: string, password: string): Driver {
  return neo4j.driver(uri, neo4j.auth.basic(user, password), {
    // Integers stay neo4j Integer objects; server/neo4j/values.ts converts them in one place.
    disableLosslessIntegers: false,
    maxConnectionPoolSize: 50,
    // An HTTP request should fail fast with a 503 when Neo4j is gone, not
    // wait out the driver's default 30 s of retries and 30 s connect timeout.
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    maxTransactionRetryTime: 3_000,
    userAgent: 'claimgraph/0.1',
  });
}

export async function connect(config: Config, opts: ConnectOptions = {}): Promise<Connection> {
  const log = opts.log ?? (() => {});
  let local: SupervisedNeo4j | undefined;
  let uri: string;
  let user: string;
  let password: string;
  if (config.NEO4J_URI) {
    uri = config.NEO4J_URI;
    user = config.NEO4J_USER;
    if (config.NEO4J_PASSWORD === undefined) {
      throw new Error('NEO4J_URI is set but NEO4J_PASSWORD is not: set the password of the Neo4j user');
    }
    password = config.NEO4J_PASSWORD;
  } else {
    log('starting the local Neo4j (no NEO4J_URI set)');
    local = await superviseLocalNeo4j({
      port: config.NEO4J_BOLT_PORT,
      dataDir: config.NEO4J_DATA_DIR,
      password: config.NEO4J_PASSWORD,
      // Died / restarting / back: always shown.
      report: log,
      // Neo4j's own INFO lines are kept in its log files; warnings and errors pass.
      log: (line) => {
        const text = line.replace(new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g'), '').trim(); // ANSI colours
        if (text && !/^\d{4}-\d\d-\d\d[ T][\d:.+]+\s+INFO\b/.test(text)) log(text);
      },
    });
    ({ uri, user, password } = local);
    log(`local Neo4j ${local.version} ready at ${uri}`);
  }
  const driver = createDriver(uri, user, password);
  try {
    await driver.verifyConnectivity({ database: config.NEO4J_DATABASE });
  } catch (err) {
    await driver.close();
    await local?.stop();
    throw err;
  }
  let closed = false;
  return {
    driver,
    database: config.NEO4J_DATABASE,
    uri,
    local,
    /** Closes the driver and stops the local Neo4j, if any (a clean stop: no restart follows). */
    async close() {
      if (closed) return;
      closed = true;
      await driver.close();
      await local?.stop();
    },
  };
}
