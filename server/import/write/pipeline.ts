/**
 * The statement pipeline every transactional strategy writes through: one
 * statement in flight (the next batch is built while Neo4j runs the current
 * one), in one transaction or in transactions of `txRows` rows (0: one
 * transaction, committed by `commitLast`).
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
  private rowsInTx = 0;
  private txRows: number;
  transactions = 0;
  chunks = 0;

  constructor(
    private readonly session: Session,
    private readonly opts: PipelineOptions,
  ) {
    this.txRows = opts.txRows;
  }

  /** Waits for the statement (or commit) in flight; its error surfaces here. */
  async settle(): Promise<void> {
    const p = this.inflight;
    this.inflight = undefined;
    if (p) await p;
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
      this.tx = this.session.beginTransaction({ timeout: this.opts.timeoutMs });
      this.transactions++;
    }
    return this.tx;
  }

  /** Sends one statement once the previous one is done; `then` sees its result. */
  async send(text: string, params: Record<string, unknown>, rows: number, then: (res: QueryResult) => void): Promise<void> {
    await this.settle();
    this.checkAbort();
    const tx = this.open();
    let p: Promise<unknown> = tx.run(text, params).then(then);
    this.rowsInTx += rows;
    if (this.txRows > 0 && this.rowsInTx >= this.txRows) p = p.then(() => this.commitChunk());
    p.catch(() => {}); // handled at the next settle
    this.inflight = p;
  }

  /** Runs a statement now (no overlap), in the current transaction. */
  async run(text: string, params: Record<string, unknown>): Promise<QueryResult> {
    await this.settle();
    this.checkAbort();
    return this.open().run(text, params);
  }

  private async commitChunk(): Promise<void> {
    const tx = this.tx;
    this.tx = undefined;
    this.rowsInTx = 0;
    if (!tx) return;
    await tx.commit();
    this.chunks++;
    await this.opts.afterChunk?.(this.chunks);
  }

  /** Commits what is open (chunked mode: the current chunk). */
  async commit(): Promise<void> {
    await this.settle();
    await this.commitChunk();
  }

  /** Commits the last transaction (nothing in flight), after `beforeCommit`. */
  async commitLast(beforeCommit?: () => Promise<void> | void): Promise<void> {
    await this.settle();
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
    const tx = this.tx;
    this.tx = undefined;
    if (tx?.isOpen()) await tx.rollback().catch(() => {});
  }
}
