/**
 * What the background daemon (`db start`) and the foreground `db run` share
 * around a local Neo4j: stop it on a signal (also one that comes while it is
 * still starting: it is stopped once up). A JVM that dies on its own is
 * restarted by server/neo4j/supervisor.ts (back-off, a log line each time).
 */
import type { SupervisedNeo4j } from '../../neo4j/supervisor.ts';

export interface Supervision {
  /** Starts Neo4j under the supervisor. */
  start(): Promise<SupervisedNeo4j>;
  signals: readonly NodeJS.Signals[];
  /** A stop signal came (before Neo4j is stopped). */
  onSignal(signal: NodeJS.Signals): void;
  /** Stops Neo4j (when it was started) and ends the process with `code`. */
  shutdown(neo: SupervisedNeo4j | undefined, code: number): Promise<void>;
}

/** Starts Neo4j; resolves once it is ready (never, when a signal came meanwhile: it shuts down). */
export async function supervise(s: Supervision): Promise<SupervisedNeo4j> {
  const state: { neo?: SupervisedNeo4j; stopping: boolean } = { stopping: false };
  for (const sig of s.signals) {
    process.on(sig, () => {
      if (state.stopping) return;
      state.stopping = true;
      s.onSignal(sig);
      // Still starting: stopped below once it is up.
      if (state.neo) void s.shutdown(state.neo, 0);
    });
  }
  const neo = await s.start();
  state.neo = neo;
  if (state.stopping) {
    await s.shutdown(neo, 0);
    return new Promise<never>(() => {});
  }
  return neo;
}
