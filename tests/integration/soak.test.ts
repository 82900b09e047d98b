/**
 * The soak of bench/soak.ts, shortened for the suite (40 s, 4 clients, Neo4j
 * killed after 12 s): mixed normal and hostile requests while the supervised
 * local Neo4j dies and comes back. `npm run soak` runs the 3-minute version.
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../bench/soak.ts';

describe('soak', () => {
  it('ends healthy: no request hung, no 500, Neo4j back, nothing lost', { timeout: 600_000 }, async () => {
    const lines: string[] = [];
    const report = await runSoak({ durationMs: 40_000, clients: 4, killAfterMs: 12_000, log: (l) => lines.push(l) });
    const summary = JSON.stringify({ byStatus: report.byStatus, byKind: report.byKind, serverErrors: report.serverErrors, hung: report.hung, lines }, null, 1);
    expect(report.requests, summary).toBeGreaterThan(20);
    expect(report.hung, summary).toEqual([]);
    expect(report.serverErrors, summary).toEqual([]);
    expect(report.killedPid, summary).toBeGreaterThan(0);
    expect(report.restarts, summary).toBeGreaterThanOrEqual(1);
    expect(report.healthyAfter, summary).toBe(true);
    expect(report.answersAfter, summary).toBe(true);
    expect(report.fingerprintAfter).toEqual(report.fingerprintBefore);
    // Every hostile class was answered, and none of them with a 200 that should have been refused.
    for (const kind of ['range', 'nesting', 'regex', 'growth', 'write', 'escape']) {
      const statuses = Object.keys(report.byKind[kind] ?? {});
      expect(statuses.length, `${kind}: ${summary}`).toBeGreaterThan(0);
      expect(statuses.filter((s) => s === '200'), `${kind}: ${summary}`).toEqual([]);
    }
  });
});
