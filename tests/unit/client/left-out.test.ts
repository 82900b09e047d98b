/**
 * The "not shown" summary of an expansion, counted against the canvas
 * (client/src/panel/left-out.ts): what the canvas already holds is not "not
 * shown", a "Show" of one type updates that type and keeps the others, and
 * the summary is empty only when everything is on the canvas.
 */
import { describe, expect, it } from 'vitest';
import type { LeftOut } from '../../../client/src/api/types.ts';
import { GraphStore } from '../../../client/src/graph/index.ts';
import { addRecord, leftOutRecord, remainingLeftOut, type LeftOutRecord } from '../../../client/src/panel/left-out.ts';
import { expandMessage } from '../../../client/src/panel/entity-actions.ts';
import { claim, node } from './fixtures.ts';

const row = (type: string, claims: number, nodes: number, amounts: LeftOut['amounts'] = []): LeftOut => ({ type, claims, nodes, amounts, exact: true });

/** A hub with three PAID payees and two MEMBER_OF members on the canvas; an expansion answered with one payee and no member. */
function canvas() {
  const store = new GraphStore();
  store.merge({
    nodes: [node('hub', 'organization'), node('p1', 'person'), node('p2', 'person'), node('p3', 'person'), node('m1', 'person'), node('m2', 'person')],
    edges: [
      claim('c-paid-1', 'hub', 'PAID', 'p1', 'reported', null, { amount: 100, currency: 'USD' }),
      claim('c-paid-2', 'hub', 'PAID', 'p2', 'reported', null, { amount: 50, currency: 'USD' }),
      claim('c-paid-3', 'hub', 'PAID', 'p3', 'alleged', null, { amount: 10, currency: 'USD' }),
      claim('c-m1', 'm1', 'MEMBER_OF', 'hub', 'documented', null),
    ],
  });
  // The server: of PAID, 4 claims (3 entities) lead outside the answer {hub, p1}; of MEMBER_OF, 3 claims (3 entities).
  const rec = leftOutRecord(
    { nodes: [node('hub', 'organization'), node('p1', 'person')], leftOut: [row('PAID', 4, 3, [{ currency: 'USD', total: 90 }]), row('MEMBER_OF', 3, 3)] },
    {},
  );
  return { store, records: [rec] as LeftOutRecord[] };
}

describe('what an expansion left out, against the canvas', () => {
  it('takes off what the canvas already draws, claims, entities and amounts', () => {
    const { store, records } = canvas();
    expect(remainingLeftOut(store, 'hub', records)).toEqual([
      // p2 and p3 are drawn with their PAID claims: 2 of 4 claims, 2 of 3 entities and $60 of $90 are there.
      row('MEMBER_OF', 2, 2),
      row('PAID', 2, 1, [{ currency: 'USD', total: 30 }]),
    ]);
  });

  it('counts only canvas claims the expansion’s filters let through', () => {
    const { store } = canvas();
    const rec = leftOutRecord({ nodes: [node('hub', 'organization')], leftOut: [row('PAID', 3, 3)] }, { status: ['reported'] });
    // c-paid-3 is alleged: the server did not count it, so it is not taken off.
    expect(remainingLeftOut(store, 'hub', [rec])).toEqual([row('PAID', 1, 1)]);
  });

  it('is empty when everything is on the canvas (the opening view holds every claim)', () => {
    const { store } = canvas();
    const rec = leftOutRecord({ nodes: [node('hub', 'organization')], leftOut: [row('PAID', 3, 3), row('MEMBER_OF', 1, 1)] }, {});
    expect(remainingLeftOut(store, 'hub', [rec])).toEqual([]);
    expect(expandMessage({ nodes: [], claims: [], edges: [] }, [], { edgesLeftOut: [] }, 'Hub')).toBe('Nothing new around Hub: all of its claims are on the canvas');
  });

  it('keeps the other types after a "Show" of one, and updates as claims come in', () => {
    const { store, records } = canvas();
    // "Show" PAID: the answer holds every payee; nothing of PAID is left out.
    const shown = addRecord(records, leftOutRecord({ nodes: ['hub', 'p1', 'p2', 'p3', 'p4'].map((id) => node(id, 'person')), leftOut: [] }, { types: ['PAID'] }));
    expect(shown).toHaveLength(2);
    expect(remainingLeftOut(store, 'hub', shown)).toEqual([row('MEMBER_OF', 2, 2)]);
    // A member comes onto the canvas some other way: one fewer left out.
    store.merge({ nodes: [node('m2', 'person')], edges: [claim('c-m2', 'm2', 'MEMBER_OF', 'hub', 'reported', null)] });
    expect(remainingLeftOut(store, 'hub', shown)).toEqual([row('MEMBER_OF', 1, 1)]);
    // A full expansion answers for every type: older records go.
    expect(addRecord(shown, leftOutRecord({ nodes: [], leftOut: [] }, {}))).toHaveLength(1);
  });

  it('says claims between entities already shown lead to no new entity', () => {
    const store = new GraphStore();
    store.merge({ nodes: [node('hub', 'organization'), node('p1', 'person')], edges: [claim('c-1', 'hub', 'PAID', 'p1', 'reported', null)] });
    // The server counted 2 claims to p1 (outside its answer); the canvas has one of them.
    const rec = leftOutRecord({ nodes: [node('hub', 'organization')], leftOut: [row('PAID', 2, 1)] }, {});
    expect(remainingLeftOut(store, 'hub', [rec])).toEqual([row('PAID', 1, 0)]);
    expect(expandMessage({ nodes: [], claims: [], edges: [] }, [row('PAID', 1, 0)], { edgesLeftOut: [] }, 'Hub')).toBe(
      'Nothing new around Hub: everything within the cap is already on the canvas; 1 more claim not shown (see the panel)',
    );
  });
});
