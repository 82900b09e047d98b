/** How search hits are matched and ranked (server/reads/search-match.ts, search.ts's Lucene query): pure, no Neo4j. */
import { describe, expect, it } from 'vitest';
import { matchOf, rankHits, snippet, tierOf } from '../../server/reads/search-match.ts';
import { luceneQuery } from '../../server/reads/search.ts';

const c = (name: string, aliases: string[] = [], description: string | null = null) => ({ name, aliases, description });

describe('the Lucene query', () => {
  it('does not require stop words, and boosts the text as a phrase', () => {
    const q = luceneQuery('National Council of Resistance of Iran')!;
    expect(q.match(/\+\(/g)).toHaveLength(4); // national, council, resistance, iran
    expect(q).not.toMatch(/\(name:\(of/);
    expect(q).toContain('name:"national council of resistance of iran"^12');
    expect(q).toContain('aliases:"national council of resistance of iran"^10');
  });

  it('has nothing to search for in stop words alone, and keeps no Lucene syntax', () => {
    expect(luceneQuery('The of and')).toBeUndefined();
    const q = luceneQuery('NWM) OR name:* AND "')!;
    expect(q).not.toMatch(/\bOR\b|\bAND\b|name:\*|[()]"/);
    expect(q.match(/"/g)).toHaveLength(4); // the two phrase clauses only
  });
});

describe('why a hit matched', () => {
  it('tells an exact name from an exact alias, the same words, a phrase, all words and a close spelling', () => {
    expect(matchOf('massoud rajavi', c('Massoud Rajavi'))).toEqual({ field: 'name', how: 'exact', text: 'Massoud Rajavi' });
    expect(matchOf('NCRI', c('National Council of Resistance of Iran', ['NCRI']))).toEqual({ field: 'alias', how: 'exact', text: 'NCRI' });
    expect(matchOf('The Iranian Mojahedin', c('Mujahedin-e Khalq', ['MEK', 'Iranian Mojahedin']))).toEqual({ field: 'alias', how: 'words', text: 'Iranian Mojahedin' });
    expect(matchOf('Massoud Rajavi', c('Disappearance of Massoud Rajavi'))).toMatchObject({ field: 'name', how: 'phrase' });
    expect(matchOf('Rajavi Massoud', c('Disappearance of Massoud Rajavi'))).toMatchObject({ field: 'name', how: 'all-words' });
    expect(matchOf('Masoud Rajavy', c('Massoud Rajavi'))).toMatchObject({ field: 'name', how: 'fuzzy' });
    expect(matchOf('Mojāhedin', c('Iranian Mojahedin'))).toMatchObject({ field: 'name', how: 'phrase' });
  });

  it('falls back to the description, with an excerpt around the match', () => {
    const long = 'A long account of many things that happened over many years in many places, and then, much later, the wife of Massoud Rajavi took over the lead of the organisation and its council.';
    const m = matchOf('Massoud Rajavi', c('Maryam Rajavi', [], long));
    expect(m.field).toBe('description');
    expect(m.text).toMatch(/^….*Massoud Rajavi.*…$/);
    expect(m.text.length).toBeLessThanOrEqual(92);
    expect(snippet('Short one.', ['short'])).toBe('Short one.');
  });

  it('ranks by how a hit matched before Lucene’s score', () => {
    const hit = (id: string, score: number, label: string, desc: string | null = null) => ({ id, score, match: matchOf('Massoud Rajavi', c(label, [], desc)) });
    const ranked = rankHits([hit('event', 200, 'Disappearance of Massoud Rajavi'), hit('wife', 300, 'Maryam Rajavi', 'wife of Massoud Rajavi'), hit('person', 100, 'Massoud Rajavi')]);
    expect(ranked.map((h) => h.id)).toEqual(['person', 'event', 'wife']);
    expect(tierOf({ field: 'name', how: 'exact', text: '' })).toBeLessThan(tierOf({ field: 'alias', how: 'exact', text: '' }));
    expect(tierOf({ field: 'alias', how: 'fuzzy', text: '' })).toBeLessThan(tierOf({ field: 'description', how: 'phrase', text: '' }));
  });
});
