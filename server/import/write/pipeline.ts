/**
 * The statement pipeline every transactional strategy writes through: one
 * statement in flight (the next batch is built while Neo4j runs the current
 * one), in one transaction or in transactions of `txRows` rows (0: one
 * transaction, committed by `commitLast`).
 *
 * In chunks, a full chunk's commit overlaps the next chunk's first
 * statements: given a second session, the next transaction begins on it
 * while the first session commits (sessions alternate; a session begins a
 * new transaction only once the chunk it last ran is committed; commits run
 * one at a time, in order, and are awaited by commit(), commitLast() and
 * rollback(); a failed one's error surfaces at the next statement). Locks keep it
 * correct: a statement that needs what the committing chunk holds waits for
 * the commit.
 */
import type { QueryResult, Session, Transaction } from 'neo4j-driver';
import { ImportError } from './types.ts';

export interface PipelineOptions {
  timeoutMs: number;
  /** Rows per transaction; 0: one transaction. */
  txRows: number;
  signal?: AbortSignal;
  afterChunk?: (chunk: number) => Promise<void> | void;
}

export class Pipeline {
  private tx: Transaction | undefined;
  private inflight: Promise<unknown> | undefined;
  /** A chunk's commit still running (overlapped with the next chunk). */
  private committing: Promise<void> | undefined;
  private sessionIndex = 0;
  private readonly sessions: Session[];
  private rowsInTx = 0;
  private txRows: number;
  transactions = 0;
  chunks = 0;

  constructor(
    session: Session,
    private readonly opts: PipelineOptions,
    /** A second session: chunk commits overlap the next chunk (see above). */
    second?: Session,
  ) {
    this.txRows = opts.txRows;
    this.sessions = second ? [session, second] : [session];
  }

  /** Waits for the statement in flight; its error (or a failed commit's) surfaces here. */
  async settle(): Promise<void> {
    const p = this.inflight;
    this.inflight = undefined;
    if (p) await p;
    if (this.commitError) throw this.commitError;
  }

  private commitError: unknown;

  /** Waits for the pending chunk commit; its error surfaces here. */
  private async committed(): Promise<void> {
    const c = this.committing;
    this.committing = undefined;
    if (c) await c;
    if (this.commitError) throw this.commitError;
  }

  private checkAbort(): void {
    if (this.opts.signal?.aborted) throw new ImportError('interrupted');
  }

  /** Later statements stay in the current transaction (chunked mode's last one). */
  noMoreChunks(): void {
    this.txRows = 0;
  }

  /** The open transaction (begun when none is). */
  open(): Transaction {
    if (!this.tx) {
      this.txSession = this.sessionIndex++ % this.sessions.length;
      const session = this.sessions[this.txSession]!;
      this.tx = session.beginTransaction({ timeout: this.opts.timeoutMs });
      this.transactions++;
    }
    return this.tx;
  }

  /** The session the open transaction runs on. */
  private txSession = 0;
  /** Per session, a detached chunk still running or committing on it. */
  private readonly pendingOn: (Promise<void> | undefined)[] = [];

  /**
   * Before a new transaction: waits until the session it will run on has
   * finished the chunk detached on it two chunks ago (a session runs one
   * transaction at a time; with small chunks that chunk may still be
   * committing). The chunk in between keeps overlapping on the other one.
   */
  private async sessionFree(): Promise<void> {
    if (this.tx || this.sessions.length < 2) return;
    const next = this.sessionIndex % this.sessions.length;
    const pending = this.pendingOn[next];
    this.pendingOn[next] = undefined;
    if (pending) await pending;
    if (this.commitError) throw this.commitError;
  }

  /** Sends one statement once the previous one is done; `then` sees its result. */
  async send(text: string, params: Record<string, unknown>, rows: number, then: (res: QueryResult) => void): Promise<void> {
    await this.settle();
    this.checkAbort();
    await this.sessionFree();
    const tx = this.open();
    let p: Promise<unknown> = tx.run(text, params).then(then);
    this.rowsInTx += rows;
    if (this.txRows > 0 && this.rowsInTx >= this.txRows) {
      if (this.sessions.length > 1) {
        // Detach the full chunk: its commit runs while the next chunk begins on the other session.
        const full = this.tx!;
        this.tx = undefined;
        this.rowsInTx = 0;
        const previous = this.committing;
        p = p.then(async () => {
          await previous; // one commit at a time, in order
          if (this.commitError) throw this.commitError; // an earlier chunk failed: this one is not committed
          await this.commitTx(full);
        });
        const c = p.then(() => {}, (err: unknown) => {
          this.commitError ??= err;
          if (full.isOpen()) return full.rollback().then(() => {}, () => {});
        });
        this.committing = c;
        this.pendingOn[this.txSession] = c;
        this.inflight = undefined; // the next statement does not wait for this one's commit
        return;
      }
      p = p.then(() => this.commitChunk());
    }
    p.catch(() => {}); // handled at the next settle
    this.inflight = p;
  }

  private async commitTx(tx: Transaction): Promise<void> {
    await tx.commit();
    this.chunks++;
    await this.opts.afterChunk?.(this.chunks);
  }

  /** Runs a statement now (no overlap), in the current transaction. */
  async run(text: string, params: Record<string, unknown>): Promise<QueryResult> {
    await this.settle();
    await this.committed();
    this.checkAbort();
    return this.open().run(text, params);
  }

  private async commitChunk(): Promise<void> {
    const tx = this.tx;
    this.tx = undefined;
    this.rowsInTx = 0;
    if (!tx) return;
    await this.commitTx(tx);
  }

  /** Commits what is open (chunked mode: the current chunk), and waits for a pending commit. */
  async commit(): Promise<void> {
    await this.settle();
    await this.committed();
    await this.commitChunk();
  }

  /** Commits the last transaction (nothing in flight), after `beforeCommit`. */
  async commitLast(beforeCommit?: () => Promise<void> | void): Promise<void> {
    await this.settle();
    await this.committed();
    this.checkAbort();
    this.open();
    await beforeCommit?.();
    const tx = this.tx!;
    this.tx = undefined;
    this.rowsInTx = 0;
    await tx.commit();
  }

  async rollback(): Promise<void> {
    await this.settle().catch(() => {});
    await this.committed().catch(() => {});
    const tx = this.tx;
    this.tx = undefined;
    if (tx?.isOpen()) await tx.rollback().catch(() => {});
  }
}
