/** How a drawn edge looks from its claims (client/src/canvas/edge-style.ts): colour, width, program and label by status and sources. */
import { describe, expect, it } from 'vitest';
import { edgeLook } from '../../../client/src/canvas/edge-style.ts';
import { STATUS_STYLES, statusStyle } from '../../../client/src/theme/index.ts';
import { claim } from './fixtures.ts';

const one = (status: string | null, source: string | null = 's1', id = 'c1') => claim(id, 'a', 'PAID', 'b', status, source);

describe('edgeLook', () => {
  const byStatus: [string | null, string][] = [
    ['documented', 'arrow'],
    ['reported', 'arrow'],
    ['assessment', 'dashed'],
    ['disputed', 'dashed'],
    ['alleged', 'dotted'],
    [null, 'arrow'],
    ['rumoured', 'arrow'],
  ];

  it.each(byStatus)('a %s claim is drawn in its status colour and width, with the %s program', (status, program) => {
    const look = edgeLook('PAID', [one(status)], false);
    const style = statusStyle(status);
    expect(look).toEqual({ color: style.color, size: style.size, label: 'paid', type: program });
  });

  it('unknown statuses get the thin grey fallback, not another status', () => {
    expect(edgeLook('PAID', [one('rumoured')], false).color).toBe(statusStyle(null).color);
    expect(Object.values(STATUS_STYLES).map((s) => s.color)).not.toContain(statusStyle('rumoured').color);
  });

  it('the strongest claim (the first) sets the look', () => {
    const look = edgeLook('PAID', [one('documented', 's1', 'c1'), one('alleged', 's2', 'c2')], false);
    expect(look.color).toBe(STATUS_STYLES.documented!.color);
    expect(look.type).toBe('arrow');
  });

  it('more sources draw a thicker edge and say how many; the same source twice counts once', () => {
    const base = STATUS_STYLES.reported!.size;
    const two = edgeLook('PAID', [one('reported', 's1', 'c1'), one('reported', 's2', 'c2')], false);
    expect(two.label).toBe('paid · 2 sources');
    expect(two.size).toBeCloseTo(base * 1.45, 10);
    const same = edgeLook('PAID', [one('reported', 's1', 'c1'), one('reported', 's1', 'c2')], false);
    expect(same.label).toBe('paid');
    expect(same.size).toBe(base);
    // Width grows up to six sources.
    const many = (n: number) => Array.from({ length: n }, (_, i) => one('reported', `s${i}`, `c${i}`));
    expect(edgeLook('PAID', many(6), false).size).toBeCloseTo(base * (1 + 0.45 * 5), 10);
    expect(edgeLook('PAID', many(9), false).size).toBe(edgeLook('PAID', many(6), false).size);
    expect(edgeLook('PAID', many(9), false).label).toBe('paid · 9 sources');
  });

  it('a curved (parallel) edge uses the curve program whatever its status', () => {
    expect(edgeLook('PAID', [one('alleged')], true).type).toBe('curved');
    expect(edgeLook('PAID', [one('documented')], true).type).toBe('curved');
  });

  it('a big view draws every edge straight, solid and thinner, keeping the status colour', () => {
    const look = edgeLook('PAID', [one('disputed')], true, true);
    expect(look).toMatchObject({ type: 'arrow', color: STATUS_STYLES.disputed!.color });
    expect(look.size).toBeCloseTo(STATUS_STYLES.disputed!.size * 0.6, 10);
  });

  it('hands out one shared object per look (no allocation per edge and frame)', () => {
    expect(edgeLook('MEMBER_OF', [one('reported')], false)).toBe(edgeLook('MEMBER_OF', [one('reported', 's9', 'c9')], false));
    expect(edgeLook('MEMBER_OF', [one('reported')], false)).not.toBe(edgeLook('MEMBER_OF', [one('reported')], true));
  });
});
