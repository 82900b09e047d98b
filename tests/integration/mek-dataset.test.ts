/**
 * The shipped dataset (data/mek-network), checked twice: as files (it
 * validates, quotes are short, every person has a tie) and as the graph the
 * real importer writes, where analyst questions are answered in Cypher and
 * the answers asserted exactly. If the data changes, these answers are the
 * contract to update deliberately (see data/README.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, type LoadedDataset } from '../../server/import/load.ts';
import { CLAIM_STATUSES } from '../../server/model/statuses.ts';
import { closeTestDriver, importDataset, query, resetDatabase } from '../helpers/neo4j.ts';

const FOLDER = 'data/mek-network';
const BIBLIOGRAPHIC = ['AUTHORED', 'PUBLISHED', 'CITES'];

let data: LoadedDataset;

beforeAll(async () => {
  await resetDatabase();
  await importDataset(FOLDER);
  data = await loadDataset(FOLDER);
});
afterAll(closeTestDriver);

const words = (s: string) => s.trim().split(/\s+/).length;
const sorted = <T>(xs: T[]) => [...xs].sort();

describe('mek-network as files', () => {
  it('validates: every record, id and reference', async () => {
    await expect(loadDataset(FOLDER)).resolves.toMatchObject({ meta: { name: 'mek-network' } });
    expect(data.sources).toHaveLength(22); // the seed analysis + 21 bibliography entries
    expect(data.entities.length).toBeGreaterThanOrEqual(60);
    expect(data.claims.length).toBeGreaterThanOrEqual(150);
  });

  it('keeps every quote to 30 words at most', () => {
    const long = data.claims.filter((c) => words(c.quote) > 30).map((c) => `${c.id} (${words(c.quote)})`);
    expect(long).toEqual([]);
  });

  it('ties every person to the network by at least one claim', () => {
    const tied = new Set(data.claims.flatMap((c) => [c.from, c.to]));
    const untied = data.entities.filter((e) => e.kind === 'person' && !tied.has(e.id)).map((e) => e.id);
    expect(untied).toEqual([]);
  });

  it('resolves every claimant and citedIn, and cites every bibliography entry from the seed', () => {
    const nodes = new Set([...data.entities, ...data.sources].map((e) => e.id));
    const sources = new Set(data.sources.map((s) => s.id));
    expect(data.claims.filter((c) => c.claimant !== undefined && !nodes.has(c.claimant)).map((c) => c.id)).toEqual([]);
    expect(data.claims.filter((c) => c.citedIn !== undefined && !sources.has(c.citedIn)).map((c) => c.id)).toEqual([]);
    const cited = new Set(data.claims.filter((c) => c.type === 'CITES' && c.from === 'seed-analysis').map((c) => c.to));
    expect(sorted(data.sources.filter((s) => s.id !== 'seed-analysis').map((s) => s.id))).toEqual(sorted([...cited]));
    // Every bibliography entry keeps its citation as printed; the seed has none (it is not an entry).
    expect(data.sources.filter((s) => s.id !== 'seed-analysis' && !s.citation).map((s) => s.id)).toEqual([]);
  });

  it('marks every quote that is not the text\'s own words as a paraphrase with its verbatim anchor', () => {
    // Rule 12: a "Per a dissident, ..." rewording is never passed off as a quotation.
    const reworded = data.claims.filter((c) => /^Per\b/.test(c.quote));
    expect(reworded.filter((c) => !c.paraphrase || !c.anchor).map((c) => c.id)).toEqual([]);
    expect(data.claims.filter((c) => c.paraphrase).map((c) => c.id)).toEqual(['c-dissident-freedom-fighters-criticized-mek']);
    // Quotes join verbatim pieces with "...", never with the "Bibliography:" label of old.
    expect(data.claims.filter((c) => c.quote.startsWith('Bibliography:')).map((c) => c.id)).toEqual([]);
  });

  it('leaves out people named only as illustrations of an unrelated argument', () => {
    const names = data.entities.map((e) => [e.name, ...e.aliases].join(' | ')).join('\n');
    for (const name of ['Sarsour', 'Kiswani', 'Mamdani', 'Qutb', 'Arafat', 'Pahlavi', 'Orwell']) {
      expect(names).not.toContain(name);
    }
  });
});

describe('mek-network in Neo4j', () => {
  it('gives every relationship a source node, a quote and a known status', async () => {
    const bad = await query<{ id: string }>(
      `MATCH (:Entity)-[r]->(:Entity)
       WHERE NOT EXISTS { MATCH (s:Source {id: r.sourceId}) }
          OR r.quote IS NULL OR trim(r.quote) = ''
          OR NOT r.status IN $statuses
       RETURN r.id AS id`,
      { statuses: [...CLAIM_STATUSES] },
    );
    expect(bad).toEqual([]);
    const [n] = await query<{ n: number }>('MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n');
    expect(n!.n).toBe(data.claims.length);
  });

  it('gives every :Person a relationship', async () => {
    const lonely = await query<{ id: string }>('MATCH (p:Person) WHERE NOT (p)--() RETURN p.id AS id');
    expect(lonely).toEqual([]);
  });

  it('finds the MEK by any alias', async () => {
    for (const alias of ['MEK', 'MKO', 'PMOI', '"Mujahedin-e Khalq"', '"People\'s Holy Warriors"', '"People\'s Mojahedin Organization of Iran"']) {
      const hits = await query<{ id: string }>(
        `CALL db.index.fulltext.queryNodes('entity_search', $q) YIELD node RETURN node.id AS id`,
        { q: alias },
      );
      expect(hits.map((h) => h.id), alias).toContain('mek');
    }
  });

  describe('analyst questions', () => {
    it('who leads the MEK, and who led it before?', async () => {
      const rows = await query<{ id: string; role: string; status: string }>(
        `MATCH (p:Person)-[r:LEADS]->(:Organization {id: 'mek'})
         RETURN p.id AS id, r.role AS role, r.status AS status ORDER BY id`,
      );
      expect(rows).toEqual([
        { id: 'maryam-rajavi', role: 'current leader', status: 'reported' },
        { id: 'massoud-rajavi', role: 'former leader', status: 'reported' },
      ]);
      const [disappeared] = await query<{ date: string }>(
        `MATCH (:Person {id: 'massoud-rajavi'})-[:SUBJECT_OF]->(e:Event) RETURN e.date AS date`,
      );
      expect(disappeared!.date).toBe('2003');
    });

    it('what is the NCRI to the MEK?', async () => {
      const rows = await query<{ type: string; from: string; role: string | null }>(
        `MATCH (a:Entity)-[r]->(b:Entity)
         WHERE (a.id = 'ncri' AND b.id = 'mek') OR (a.id = 'mek' AND b.id = 'ncri')
         RETURN type(r) AS type, a.id AS from, r.role AS role ORDER BY type`,
      );
      expect(rows).toEqual([
        { type: 'FOUNDED', from: 'mek', role: null },
        { type: 'PART_OF', from: 'ncri', role: 'political arm' },
      ]);
    });

    it('which organizations front or lobby for the MEK?', async () => {
      const rows = await query<{ id: string; type: string; role: string | null }>(
        `MATCH (o:Organization)-[r:PART_OF|LOBBIED_FOR]->(:Organization {id: 'mek'})
         RETURN o.id AS id, type(r) AS type, r.role AS role ORDER BY id`,
      );
      expect(rows.map((r) => [r.id, r.type])).toEqual([
        ['iran-policy-committee', 'LOBBIED_FOR'],
        ['ncri', 'PART_OF'],
        ['oiac', 'PART_OF'],
        ['oiac-regional-fronts', 'PART_OF'],
      ]);
      expect(rows.filter((r) => r.role?.includes('front')).map((r) => r.id)).toEqual(['oiac', 'oiac-regional-fronts']);
      const [fronts] = await query<{ count: number; anonymous: boolean }>(
        `MATCH (o:Organization {id: 'oiac-regional-fronts'}) RETURN o.count AS count, o.anonymous AS anonymous`,
      );
      expect(fronts).toEqual({ count: 40, anonymous: true });
    });

    it('which funding claims exist, and how strong is each?', async () => {
      const rows = await query<{ id: string; from: string; to: string; status: string; amount: number | null; sourceId: string }>(
        `MATCH (a)-[r:FUNDED|PAID]->(b)
         RETURN r.id AS id, a.id AS from, b.id AS to, r.status AS status, r.amount AS amount, r.sourceId AS sourceId
         ORDER BY id`,
      );
      expect(rows).toEqual([
        { id: 'c-mek-paid-compensated-western-figures', from: 'mek', to: 'compensated-western-figures', status: 'reported', amount: null, sourceId: 'seed-analysis' },
        { id: 'c-mek-paid-senior-american-official', from: 'mek', to: 'senior-american-official', status: 'reported', amount: null, sourceId: 'seed-analysis' },
        { id: 'c-oiac-donors-funded-oiac', from: 'oiac-donors', to: 'oiac', status: 'reported', amount: null, sourceId: 'seed-analysis' },
      ]);
      // The "$50,000 honoraria" are the premise of Rubin's question: his insinuation about OIAC
      // (alleged, no amount), not a payment; the $50,000 Form 990 threshold is not a payment either.
      const [honoraria] = await query<{ type: string; from: string; to: string; status: string; claimant: string; amount: number | null }>(
        `MATCH (a)-[r {id: 'c-michael-rubin-questioned-oiac-honoraria'}]->(b)
         RETURN type(r) AS type, a.id AS from, b.id AS to, r.status AS status, r.claimant AS claimant, r.amount AS amount`,
      );
      expect(honoraria).toEqual({ type: 'CRITICIZED', from: 'michael-rubin', to: 'oiac', status: 'alleged', claimant: 'michael-rubin', amount: null });
      const form990 = await query<{ id: string; amount: number | null }>(
        `MATCH ()-[r]->(:Concept {id: 'missing-form-990-filings'}) RETURN r.id AS id, r.amount AS amount ORDER BY id`,
      );
      expect(form990).toEqual([
        { id: 'c-mek-missing-form-990', amount: null },
        { id: 'c-oiac-regional-fronts-missing-form-990', amount: null },
      ]);
    });

    it('which claims rest only on dissident testimony or social-media posts?', async () => {
      const rows = await query<{ id: string; status: string }>(
        `MATCH (:Entity)-[r]->(:Entity)
         WHERE NOT type(r) IN $bibliographic
         MATCH (s:Source {id: r.sourceId})
         OPTIONAL MATCH (c:Entity {id: r.claimant})-[m:MEMBER_OF]->(:Organization {id: 'mek'})
         WITH r, s, c, m
         WHERE s.sourceKind = 'social-media-post' OR (c.anonymous AND m.role STARTS WITH 'former')
         RETURN DISTINCT r.id AS id, r.status AS status ORDER BY id`,
        { bibliographic: BIBLIOGRAPHIC },
      );
      expect(rows.map((r) => r.id)).toEqual(
        sorted([
          // social-media posts (Nioh Berg, Sana Ebrahimi)
          'c-mek-praised-khomeini-mass-executions-berg',
          'c-nioh-berg-criticized-mek',
          'c-republican-politicians-supported-mek-berg',
          'c-rudy-giuliani-associated-with-mek-ebrahimi',
          'c-ruhollah-khomeini-carried-out-mass-executions-berg',
          // dissidents and defectors (anonymous former members)
          'c-911-video-showings-associated-with-attack',
          'c-mek-based-in-iraq-camp',
          'c-mek-iraq-camp-located-in-iraq',
          'c-dissident-animal-farm-criticized-mek',
          'c-dissident-enemy-of-my-enemy-criticized-mek',
          'c-dissident-freedom-fighters-criticized-mek',
          'c-massoud-rajavi-announced-pivot-to-america',
          'c-massoud-rajavi-practice-harem',
          'c-massoud-rajavi-showed-911-video',
          'c-mek-practice-brainwashing',
          'c-mek-practice-enforced-celibacy-rings-and-vows',
          'c-mek-practice-family-separation-iraq-camp',
          'c-mek-practice-forced-divorces-rings-and-vows',
          'c-mek-practice-hysterectomies',
          'c-mek-practice-maoist-struggle-sessions',
          'c-mek-practice-sterilization-intercept',
          'c-mek-practice-thought-control',
          'c-mek-practice-torture-intercept',
          'c-mek-subject-of-pivot-to-america',
          'c-us-politicians-supported-mek',
        ]),
      );
      // None of them is stated more strongly than an allegation or a judgment.
      expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['alleged', 'assessment']));
    });

    it('what is the shortest path from the Iran Policy Committee to the MEK?', async () => {
      const rows = await query<{ types: string[]; ids: string[]; statuses: string[] }>(
        `MATCH p = shortestPath((a:Entity {id: 'iran-policy-committee'})-[*..6]-(b:Entity {id: 'mek'}))
         RETURN [r IN relationships(p) | type(r)] AS types, [r IN relationships(p) | r.id] AS ids,
                [r IN relationships(p) | r.status] AS statuses`,
      );
      expect(rows).toEqual([{ types: ['LOBBIED_FOR'], ids: ['c-ipc-lobbied-for-mek'], statuses: ['reported'] }]);
      // What the IPC and the MEK claim about the MEK's intelligence is disputed, and Rubin's
      // counter-claim (hedged: "may be laundered") is kept beside it, against the MEK, not as a tie
      // to the states it names as examples.
      const dispute = await query<{ id: string; type: string; to: string; status: string; claimant: string }>(
        `MATCH ()-[r]->(b) WHERE r.id IN $ids
         RETURN r.id AS id, type(r) AS type, b.id AS to, r.status AS status, r.claimant AS claimant ORDER BY id`,
        { ids: ['c-mek-best-intelligence-source', 'c-mek-exposed-natanz', 'c-michael-rubin-criticized-mek-intelligence'] },
      );
      expect(dispute).toEqual([
        { id: 'c-mek-best-intelligence-source', type: 'ASSOCIATED_WITH', to: 'iran-nuclear-program', status: 'disputed', claimant: 'iran-policy-committee' },
        { id: 'c-mek-exposed-natanz', type: 'CARRIED_OUT', to: 'natanz-exposure', status: 'disputed', claimant: 'mek' },
        { id: 'c-michael-rubin-criticized-mek-intelligence', type: 'CRITICIZED', to: 'mek', status: 'alleged', claimant: 'michael-rubin' },
      ]);
    });

    it('what happened in 1986, and in 2012?', async () => {
      const inYear = async (year: string) => {
        const events = await query<{ id: string }>(
          `MATCH (e:Event) WHERE e.date STARTS WITH $year RETURN e.id AS id ORDER BY id`,
          { year },
        );
        const claims = await query<{ id: string; status: string }>(
          `MATCH (:Entity)-[r]->(:Entity)
           WHERE r.dateMin >= $year + '-01-01' AND r.dateMin <= $year + '-12-31'
           RETURN r.id AS id, r.status AS status ORDER BY id`,
          { year },
        );
        return { events: events.map((e) => e.id), claims };
      };
      expect(await inYear('1986')).toEqual({
        events: ['mek-relocation-to-iraq'],
        claims: [
          { id: 'c-mek-based-in-iraq', status: 'reported' },
          { id: 'c-mek-subject-of-relocation-to-iraq', status: 'reported' },
        ],
      });
      expect(await inYear('2012')).toEqual({
        events: ['delisting-2012'],
        claims: [
          // An official act, but known only from the seed's own statement (no record is cited).
          { id: 'c-mek-subject-of-delisting', status: 'reported' },
          { id: 'c-obama-administration-delisted-mek', status: 'reported' },
        ],
      });
    });
  });

  describe('editorial rules in the graph', () => {
    it('records the UK MPs as anonymous attendees, twice sourced, never paid or members', async () => {
      const rows = await query<{ type: string; to: string; sourceId: string; anonymous: boolean }>(
        `MATCH (p:Person {id: 'uk-mps'})-[r]-(x) RETURN type(r) AS type, x.id AS to, r.sourceId AS sourceId, p.anonymous AS anonymous ORDER BY sourceId`,
      );
      expect(rows).toEqual([
        { type: 'PARTICIPATED_IN', to: 'ncri-annual-summit', sourceId: 'src-campbell-2021', anonymous: true },
        { type: 'PARTICIPATED_IN', to: 'ncri-annual-summit', sourceId: 'src-mee-2018', anonymous: true },
      ]);
    });

    it('links the Los Angeles truck incident to the MEK only as an allegation by unnamed observers', async () => {
      const rows = await query<{ id: string; status: string; claimant: string | null; date: string }>(
        `MATCH (e:Event {id: 'la-truck-incident'})-[r]-(:Organization {id: 'mek'})
         RETURN r.id AS id, r.status AS status, r.claimant AS claimant, e.date AS date`,
      );
      expect(rows).toEqual([{ id: 'c-la-truck-incident-associated-with-mek', status: 'alleged', claimant: 'la-sticker-observers', date: '2026-01-11' }]);
    });

    it('attributes second-hand claims to the work the seed names, cited in the seed', async () => {
      const rows = await query<{ id: string; sourceId: string; citedIn: string; claimant: string | null; status: string }>(
        `MATCH ()-[r]->() WHERE r.id IN $ids
         RETURN r.id AS id, r.sourceId AS sourceId, r.citedIn AS citedIn, r.claimant AS claimant, r.status AS status ORDER BY id`,
        { ids: ['c-massoud-rajavi-announced-pivot-to-america', 'c-masoud-banisadr-member-of-mek', 'c-loomer-fee-recipients-associated-with-influence-operations'] },
      );
      expect(rows).toEqual([
        { id: 'c-loomer-fee-recipients-associated-with-influence-operations', sourceId: 'src-loomer-2026', citedIn: 'seed-analysis', claimant: null, status: 'alleged' },
        { id: 'c-masoud-banisadr-member-of-mek', sourceId: 'src-adib-moghaddam-2011', citedIn: 'seed-analysis', claimant: null, status: 'reported' },
        { id: 'c-massoud-rajavi-announced-pivot-to-america', sourceId: 'src-intercept-2020', citedIn: 'seed-analysis', claimant: 'dissident-new-landlord', status: 'alleged' },
      ]);
    });

    it('records no tie between the MEK and the states Rubin names only as examples (rule 10)', async () => {
      const states = await query<{ id: string }>(
        `MATCH (n:Entity) WHERE n.name IN ['Israel', 'Saudi Arabia'] OR n.id IN ['israel', 'saudi-arabia'] RETURN n.id AS id`,
      );
      expect(states).toEqual([]);
      const supporters = await query<{ id: string; from: string; status: string }>(
        `MATCH (a)-[r:SUPPORTED]->(:Organization {id: 'mek'}) RETURN r.id AS id, a.id AS from, r.status AS status ORDER BY id`,
      );
      expect(supporters).toEqual([
        { id: 'c-republican-politicians-supported-mek-berg', from: 'republican-politicians-berg', status: 'alleged' },
        { id: 'c-us-politicians-supported-mek', from: 'us-politicians-freedom-fighters', status: 'alleged' },
      ]);
    });

    it('records Rubin\'s insinuations as his, alleged, and never as the ties they hint at', async () => {
      const rows = await query<{ id: string; type: string; to: string; amount: number | null }>(
        `MATCH (:Entity)-[r]->(b:Entity) WHERE r.claimant = 'michael-rubin' AND r.status = 'alleged'
         RETURN r.id AS id, type(r) AS type, b.id AS to, r.amount AS amount ORDER BY id`,
      );
      expect(rows).toEqual([
        { id: 'c-michael-rubin-criticized-mek-intelligence', type: 'CRITICIZED', to: 'mek', amount: null },
        { id: 'c-michael-rubin-questioned-oiac-honoraria', type: 'CRITICIZED', to: 'oiac', amount: null },
      ]);
      const amounts = await query<{ id: string }>('MATCH ()-[r]->() WHERE r.amount IS NOT NULL RETURN r.id AS id');
      expect(amounts).toEqual([]); // the text gives no amount paid: $50,000 is a question and a filing threshold
    });

    it('draws a payment only from a payer the quote names, and to no named person (rule 11)', async () => {
      const rows = await query<{ id: string; quote: string; payer: string[]; payeeAnonymous: boolean | null; sourceKind: string }>(
        `MATCH (a:Entity)-[r:PAID]->(b:Entity) MATCH (s:Source {id: r.sourceId})
         RETURN r.id AS id, r.quote AS quote, [a.name] + coalesce(a.aliases, []) AS payer,
                b.anonymous AS payeeAnonymous, s.sourceKind AS sourceKind ORDER BY id`,
      );
      expect(rows.map((r) => r.id)).toEqual(['c-mek-paid-compensated-western-figures', 'c-mek-paid-senior-american-official']);
      for (const r of rows) {
        expect(r.payer.some((name) => r.quote.includes(name)), `${r.id} names its payer`).toBe(true);
        expect(r.payeeAnonymous, `${r.id} pays no named person`).toBe(true);
        expect(['social-media-post', 'blog'], `${r.id} rests on more than a post`).not.toContain(r.sourceKind);
      }
      // The truncated post says Giuliani is listed among "mouthpieces of MEK"; nothing more.
      const giuliani = await query<{ id: string; type: string; to: string; status: string; sourceId: string }>(
        `MATCH (:Person {id: 'rudy-giuliani'})-[r]-(x) RETURN r.id AS id, type(r) AS type, x.id AS to, r.status AS status, r.sourceId AS sourceId`,
      );
      expect(giuliani).toEqual([
        { id: 'c-rudy-giuliani-associated-with-mek-ebrahimi', type: 'ASSOCIATED_WITH', to: 'mek', status: 'alleged', sourceId: 'src-ebrahimi-2026' },
      ]);
    });

    it('keeps "documented" for records the dataset holds; the OIAC tax forms are Rubin\'s reading (rule 2)', async () => {
      const documented = await query<{ id: string }>(
        `MATCH (:Entity)-[r]->(b:Entity) WHERE r.status = 'documented'
           AND NOT (type(r) IN $bibliographic OR (b:Source AND b.id = r.sourceId))
         RETURN r.id AS id`,
        { bibliographic: BIBLIOGRAPHIC },
      );
      expect(documented).toEqual([]);
      const taxForms = await query<{ id: string; status: string; claimant: string }>(
        `MATCH ()-[r]->() WHERE r.quote CONTAINS 'tax forms'
         RETURN r.id AS id, r.status AS status, r.claimant AS claimant ORDER BY id`,
      );
      expect(taxForms).toEqual([
        { id: 'c-oiac-donors-funded-oiac', status: 'reported', claimant: 'michael-rubin' },
        { id: 'c-oiac-tax-forms-list-expenditures', status: 'reported', claimant: 'michael-rubin' },
        { id: 'c-oiac-tax-forms-list-no-salaries-or-conferences', status: 'reported', claimant: 'michael-rubin' },
      ]);
    });

    it('models every internal practice as an alleged claim', async () => {
      const rows = await query<{ status: string; n: number }>(
        `MATCH (:Entity)-[r:CARRIED_OUT]->(:Concept {category: 'practice'})
         RETURN r.status AS status, count(r) AS n`,
      );
      expect(rows).toEqual([{ status: 'alleged', n: 18 }]);
    });
  });
});
