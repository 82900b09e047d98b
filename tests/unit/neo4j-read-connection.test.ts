/**
 * heldConnection (server/neo4j/read.ts): what a read holds on to in order to
 * abandon it later. Under four concurrent hub requests the bench's API
 * process died with "Cannot read properties of null (reading '_delegate')":
 * the driver's connection holder had resolved to null (it had begun
 * releasing the connection), and the rejected promise that nobody awaited
 * ended the process. Whatever the holder resolves to, it must resolve.
 */
import type { Session } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { heldConnection } from '../../server/neo4j/read.ts';

const sessionHolding = (p: Promise<unknown> | undefined) => ({ _readConnectionHolder: p === undefined ? undefined : { _connectionPromise: p } }) as unknown as Session;

describe('heldConnection', () => {
  it('resolves to nothing when the holder resolved to null, undefined or a non-object, or rejected', async () => {
    const holders = [() => Promise.resolve(null), () => Promise.resolve(undefined), () => Promise.resolve(42), () => Promise.reject(new Error('connection failed')), () => undefined];
    for (const p of holders) await expect(heldConnection(sessionHolding(p()))).resolves.toBeUndefined();
  });

  it('resolves to nothing for a released delegate whose inner connection is gone', async () => {
    await expect(heldConnection(sessionHolding(Promise.resolve({ _delegate: null })))).resolves.toBeUndefined();
  });

  it("destroys the socket under a pooled connection (DelegateConnection -> ChannelConnection -> NodeChannel -> socket)", async () => {
    const destroyed: (Error | undefined)[] = [];
    const socket = { destroy: (err?: Error) => void destroyed.push(err) };
    const held = await heldConnection(sessionHolding(Promise.resolve({ _delegate: { _ch: { _conn: socket } } })));
    await held!.close();
    expect(destroyed).toHaveLength(1);
    expect(destroyed[0]?.message).toMatch(/read abandoned/);
  });

  it('falls back to the connection\'s own close() where the socket cannot be reached', async () => {
    let closed = 0;
    const conn = { close: () => Promise.resolve(void closed++) };
    const held = await heldConnection(sessionHolding(Promise.resolve(conn)));
    await held!.close();
    expect(closed).toBe(1);
  });

  it('leaves no unhandled rejection behind when the holder resolves to null', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      void heldConnection(sessionHolding(Promise.resolve(null)));
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
