/**
 * Whether a process runs, by its pid, and a watchdog on one: shared by the
 * CLI's background Neo4j, the foreground `db run`, the importer's check of an
 * unfinished chunked import, and the launcher's build lock.
 */

/** True while process `pid` exists (EPERM: it exists, owned by another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Calls `onExit` once, when process `pid` is gone (checked every `everyMs`); returns a function that stops watching. */
export function watchPid(pid: number, onExit: () => void, everyMs = 1000): () => void {
  const timer = setInterval(() => {
    if (pidAlive(pid)) return;
    clearInterval(timer);
    onExit();
  }, everyMs);
  return () => clearInterval(timer);
}
