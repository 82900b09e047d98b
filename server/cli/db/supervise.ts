/**
 * What the background daemon (`db start`) and the foreground `db run` share
 * around a local Neo4j: stop it on a signal (also one that comes while it is
 * still starting: it is stopped once up), and notice when its JVM dies.
 */
import { watchPid } from '../../kernel/pid.ts';
import type { LocalNeo4j } from '../../neo4j/launcher.ts';

export interface Supervision {
  /** Starts Neo4j. */
  start(): Promise<LocalNeo4j>;
  signals: readonly NodeJS.Signals[];
  /** A stop signal came (before Neo4j is stopped). */
  onSignal(signal: NodeJS.Signals): void;
  /** The Neo4j JVM exited on its own (then `shutdown(neo, 1)`). */
  onDied(neo: LocalNeo4j): void;
  /** Stops Neo4j (when it was started) and ends the process with `code`. */
  shutdown(neo: LocalNeo4j | undefined, code: number): Promise<void>;
}

/** Starts Neo4j under supervision; resolves once it is ready (never, when a signal came meanwhile: it shuts down). */
export async function supervise(s: Supervision): Promise<LocalNeo4j> {
  const state: { neo?: LocalNeo4j; stopping: boolean } = { stopping: false };
  const stop = (code: number) => {
    state.stopping = true;
    void s.shutdown(state.neo, code);
  };
  for (const sig of s.signals) {
    process.on(sig, () => {
      if (state.stopping) return;
      s.onSignal(sig);
      if (state.neo) stop(0);
      else state.stopping = true; // still starting: stopped below once it is up
    });
  }
  const neo = await s.start();
  state.neo = neo;
  if (state.stopping) {
    await s.shutdown(neo, 0);
    return new Promise<never>(() => {});
  }
  watchPid(neo.pid, () => {
    if (state.stopping) return;
    s.onDied(neo);
    stop(1);
  });
  return neo;
}
