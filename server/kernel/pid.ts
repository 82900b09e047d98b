/**
 * Whether a process runs, by its pid: shared by the CLI's background Neo4j,
 * the importer's check of an unfinished chunked import, and the launcher's
 * build lock. (A Neo4j that dies is noticed by server/neo4j/supervisor.ts
 * through its child process's exit, not by polling.)
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
