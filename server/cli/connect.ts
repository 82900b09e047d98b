/**
 * How the command line reaches Neo4j: the server named by NEO4J_URI; else the
 * local Neo4j that `claimgraph db start` runs in the background (found by its
 * state file in the data folder); else a local Neo4j started for this one
 * command and stopped after it (slower: a JVM start).
 */
import { readFile } from 'node:fs/promises';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { createLogger } from '../kernel/log.ts';
import type { Deps } from '../kernel/deps.ts';
import { connect, type Connection } from '../neo4j/connection.ts';
import { readDaemonState } from './db/state.ts';
import { CliError, EXIT } from './exit.ts';

export function cliConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(EXIT.USAGE, err.message);
    throw err;
  }
}

/** The config pointing at the running `claimgraph db start` Neo4j, when NEO4J_URI is unset and one runs. */
export async function resolveConfig(config: Config): Promise<Config> {
  if (config.NEO4J_URI) return config;
  const state = await readDaemonState(config.NEO4J_DATA_DIR);
  if (!state) return config;
  const password = config.NEO4J_PASSWORD ?? (await readFile(state.passwordFile, 'utf8').catch(() => '')).replace(/[\r\n]+$/, '');
  return { ...config, NEO4J_URI: state.uri, NEO4J_USER: state.user, NEO4J_PASSWORD: password };
}

export async function openConnection(opts: { quiet?: boolean } = {}): Promise<{ conn: Connection; config: Config }> {
  const config = await resolveConfig(cliConfig());
  const log = opts.quiet ? () => {} : (l: string) => console.error(l);
  try {
    const conn = await connect(config, { log });
    return { conn, config };
  } catch (err) {
    throw new CliError(EXIT.DATABASE, `Cannot reach Neo4j: ${(err as Error).message}`);
  }
}

/** Opens a connection, runs `fn` with the API's dependencies, and closes it. */
export async function withDeps<T>(opts: { quiet?: boolean }, fn: (deps: Deps, conn: Connection) => Promise<T>): Promise<T> {
  const { conn, config } = await openConnection(opts);
  const onSigint = () => void conn.close().finally(() => process.exit(130));
  process.once('SIGINT', onSigint);
  try {
    return await fn({ driver: conn.driver, database: conn.database, config, log: createLogger('silent') }, conn);
  } finally {
    process.removeListener('SIGINT', onSigint);
    await conn.close();
  }
}
