/**
 * The import pipeline's overlapped commits (server/import/write/pipeline.ts)
 * against sessions that behave as the driver's do: a session runs one
 * transaction at a time, and beginning a second while the first still runs
 * or commits is an error ("You cannot begin a transaction on a session with
 * ongoing work"). With small chunks and slow commits, the chunk after next
 * used to begin on a session whose commit had not finished (CI, an import
 * test with 5-row chunks).
 */
import type { Session } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../server/import/write/pipeline.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class FakeSession {
  busy = false;
  readonly log: string[];
  constructor(
    readonly name: string,
    log: string[],
    private readonly commitMs: number,
    private readonly failCommit = false,
  ) {
    this.log = log;
  }
  beginTransaction() {
    if (this.busy) throw new Error(`${this.name}: You cannot begin a transaction on a session with ongoing work`);
    this.busy = true;
    let open = true;
    const done = () => {
      open = false;
      this.busy = false;
    };
    return {
      run: async (text: string) => {
        await sleep(1);
        this.log.push(`${this.name} run ${text}`);
        return { records: [], summary: {} };
      },
      commit: async () => {
        await sleep(this.commitMs);
        done();
        if (this.failCommit) throw new Error(`${this.name}: commit failed`);
        this.log.push(`${this.name} commit`);
      },
      rollback: async () => {
        done();
        this.log.push(`${this.name} rollback`);
      },
      isOpen: () => open,
    };
  }
}

const pipelineOf = (a: FakeSession, b: FakeSession, txRows: number) => new Pipeline(a as unknown as Session, { timeoutMs: 60_000, txRows }, b as unknown as Session);

describe('Pipeline (chunks with overlapped commits)', () => {
  it('never begins a transaction on a session that is still committing, and commits every chunk in order', async () => {
    const log: string[] = [];
    const a = new FakeSession('A', log, 15);
    const b = new FakeSession('B', log, 15);
    const pipe = pipelineOf(a, b, 2);
    for (let i = 0; i < 12; i++) await pipe.send(`s${i}`, {}, 1, () => {});
    await pipe.commitLast();
    expect(pipe.transactions).toBe(7);
    expect(log.filter((l) => l.endsWith('commit'))).toHaveLength(7);
    // Statements in order, each chunk's two on one session, sessions alternating.
    expect(log.filter((l) => l.includes(' run ')).map((l) => l.split(' run ')[1])).toEqual(Array.from({ length: 12 }, (_, i) => `s${i}`));
    expect(log.filter((l) => l.includes(' run ')).map((l) => l[0])).toEqual(['A', 'A', 'B', 'B', 'A', 'A', 'B', 'B', 'A', 'A', 'B', 'B']);
  });

  it('still overlaps: the next chunk runs on the other session while a chunk commits', async () => {
    const log: string[] = [];
    const pipe = pipelineOf(new FakeSession('A', log, 20), new FakeSession('B', log, 20), 1);
    for (let i = 0; i < 3; i++) await pipe.send(`s${i}`, {}, 1, () => {});
    await pipe.commit();
    // s1 ran on B before A's commit of s0 finished.
    expect(log.indexOf('B run s1')).toBeLessThan(log.indexOf('A commit'));
  });

  it("stops at a failed chunk commit: later chunks are not committed and the error surfaces", async () => {
    const log: string[] = [];
    const pipe = pipelineOf(new FakeSession('A', log, 5, true), new FakeSession('B', log, 5), 1);
    await expect(
      (async () => {
        for (let i = 0; i < 6; i++) await pipe.send(`s${i}`, {}, 1, () => {});
        await pipe.commit();
      })(),
    ).rejects.toThrow(/commit failed/);
    await pipe.rollback();
    expect(log.filter((l) => l === 'B commit')).toEqual([]);
  });
});
