/**
 * The source view's and the claim cards' pure parts (client/src/sources,
 * client/src/panel/verification.ts): a text cut at passages (overlapping
 * ones too), a source's metadata rows, how a claim relates to a source,
 * and the verification badge's words (the server's meanings, word for word).
 */
import { describe, expect, it } from 'vitest';
import { badgeText, found, OUTCOME_MEANINGS as CLIENT_MEANINGS, outcomeOf } from '../../../client/src/panel/verification.ts';
import { passageOrder, relationToSource, segmentText, sourceRows } from '../../../client/src/sources/index.ts';
import { OUTCOME_MEANINGS } from '../../../server/model/verification.ts';
import type { Claim } from '../../../client/src/api/types.ts';
import { random } from './fixtures.ts';

describe('a text cut at its passages', () => {
  it('marks each passage, plain text around them', () => {
    expect(segmentText('abcdef', [{ id: 'c1', ranges: [{ start: 1, end: 3 }] }])).toEqual([
      { text: 'a', start: 0, claims: [] },
      { text: 'bc', start: 1, claims: ['c1'] },
      { text: 'def', start: 3, claims: [] },
    ]);
  });

  it('overlapping passages: the shared run names both claims', () => {
    const runs = segmentText('0123456789', [
      { id: 'a', ranges: [{ start: 2, end: 6 }] },
      { id: 'b', ranges: [{ start: 4, end: 8 }] },
    ]);
    expect(runs.map((r) => [r.text, r.claims])).toEqual([
      ['01', []],
      ['23', ['a']],
      ['45', ['a', 'b']],
      ['67', ['b']],
      ['89', []],
    ]);
  });

  it('a claim of several pieces marks each; ranges past the text are clipped, empty ones dropped', () => {
    const runs = segmentText('abcdef', [{ id: 'c', ranges: [{ start: 0, end: 1 }, { start: 4, end: 99 }, { start: 3, end: 3 }] }]);
    expect(runs.map((r) => [r.text, r.claims])).toEqual([['a', ['c']], ['bcd', []], ['ef', ['c']]]);
  });

  it('the runs always put the text back together, whatever the passages (generated cases)', () => {
    const rnd = random(11);
    for (let k = 0; k < 200; k++) {
      const text = 'x'.repeat(Math.floor(rnd() * 40));
      const passages = Array.from({ length: Math.floor(rnd() * 5) }, (_, i) => ({
        id: `c${i}`,
        ranges: Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => {
          const a = Math.floor(rnd() * 50) - 5;
          return { start: a, end: a + Math.floor(rnd() * 20) };
        }),
      }));
      const runs = segmentText(text, passages);
      expect(runs.map((r) => r.text).join('')).toBe(text);
      // Each character is marked with exactly the claims whose ranges hold it.
      for (const r of runs) {
        for (let i = r.start; i < r.start + r.text.length; i++) {
          const holders = passages.filter((p) => p.ranges.some((g) => g.start <= i && i < g.end)).map((p) => p.id);
          expect([...r.claims].sort(), `at ${i}`).toEqual(holders.sort());
        }
      }
    }
  });
});

describe('a source as the view lists it', () => {
  it('its metadata rows, only those it has, kinds in words', () => {
    const rows = sourceRows({ id: 's', kind: 'source', labels: [], name: 'S', properties: { sourceKind: 'news-article', authors: ['A', 'B'], date: '2020-03', publisher: '', note: ' ' } });
    expect(rows).toEqual([
      ['Kind', 'news article'],
      ['Authors', 'A, B'],
      ['Date', '2020-03'],
    ]);
  });

  it('a claim cites the source it names, and is restated by the one it is cited in', () => {
    const claim = (sourceId: string) => ({ id: 'c', source: { id: sourceId }, properties: { sourceId, citedIn: 'seed' } }) as unknown as Claim;
    expect(relationToSource(claim('seed'), 'seed')).toBe('cites');
    expect(relationToSource(claim('src-x'), 'seed')).toBe('restated');
  });

  it('passages in document order', () => {
    expect(passageOrder([{ claimId: 'b', start: 9 }, { claimId: 'a', start: 2 }])).toEqual(['a', 'b']);
  });
});

describe('the verification badge', () => {
  it('says what the server says each outcome means', () => {
    expect(CLIENT_MEANINGS).toEqual(OUTCOME_MEANINGS);
  });

  it('labels each outcome, with the score of an approximate match, and explains it', () => {
    expect(badgeText({ verification: 'verified', verificationScore: 1 })).toEqual({ label: 'verified', title: `Verified: ${OUTCOME_MEANINGS.verified}` });
    const approx = badgeText({ verification: 'approximate', verificationScore: 0.9821 });
    expect(approx.label).toBe('approximate 0.98');
    expect(approx.title).toContain('similarity 0.98');
    expect(badgeText({ verification: 'paraphrase-anchored' }).label).toBe('paraphrase');
    expect(badgeText({ verification: 'not-found' }).label).toBe('not found');
    expect(badgeText({}).label).toBe('not checked');
  });

  it('claims imported before verification existed, or with an unknown outcome, count as not checked', () => {
    expect(outcomeOf({})).toBe('no-document');
    expect(outcomeOf({ verification: 'made-up' })).toBe('no-document');
    expect(found('verified') && found('approximate') && found('paraphrase-anchored')).toBe(true);
    expect(found('not-found') || found('no-document')).toBe(false);
  });
});
