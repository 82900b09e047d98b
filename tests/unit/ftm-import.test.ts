/**
 * FollowTheMoney files as Aleph and OpenSanctions export them (hand-written
 * fixtures mirroring their shapes): multi-valued properties, extra top-level
 * keys, dangling references, unknown schemata, a Payment with amount and
 * currency, a Company with an ownership edge, proof documents as sources.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatasetValidationError } from '../../server/import/errors.ts';
import { unescapeClaimgraphId } from '../../server/formats/ftm/schema.ts';
import { detectFormat } from '../../server/import/inputs.ts';
import { loadDataset } from '../../server/import/load.ts';
import { formatNotes } from '../../server/import/notes.ts';

const FIX = path.resolve('tests/fixtures/ftm');
const temps: string[] = [];

async function tempFile(name: string, lines: unknown[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-ftm-'));
  temps.push(dir);
  const file = path.join(dir, name);
  await writeFile(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return file;
}

afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const META = { ftm_target: false, ftm_first_seen: '2023-11-02T16:38:16', ftm_last_seen: '2026-04-29T12:53:04', ftm_last_change: '2026-01-09T03:48:50' };
const FILE_SOURCE = 'file:opensanctions:opensanctions.ftm.json';

describe('an OpenSanctions-style file', () => {
  it('is detected as FtM from its content', async () => {
    expect(await detectFormat(path.join(FIX, 'opensanctions.ftm.json'))).toBe('ftm');
    expect(await detectFormat(path.join(FIX, 'aleph.jsonl'))).toBe('ftm');
    expect(await detectFormat('tests/fixtures/mini/claims.yaml')).toBe('native');
  });

  it('imports the four modelled entities with every property kept', async () => {
    const d = await loadDataset(path.join(FIX, 'opensanctions.ftm.json'));
    expect(d.meta).toEqual({ name: 'opensanctions', title: 'opensanctions.ftm.json', description: '' });
    expect(d.counts).toMatchObject({ entities: 4, sources: 3, claims: 11, byKind: { person: 2, organization: 2, source: 3 }, byStatus: { reported: 11 } });
    const [anna, acme, party, boris] = d.entities;
    expect(anna).toEqual({
      id: 'NK-anna',
      kind: 'person',
      // the caption (OpenSanctions' display name) among the names; the others are aliases
      name: 'Anna Primer',
      aliases: ['PRIMER, Anna', 'Анна Примерова', 'A. Primer', 'Anna Altname'],
      description: '',
      anonymous: false,
      born: '1970-02-03',
      nationality: 'xx',
      properties: {
        ftm_schema: 'Person',
        ftm_caption: 'Anna Primer',
        ftm_datasets: ['ds_one', 'ds_two'],
        ftm_referents: ['ds-one-123', 'ds-two-abc'],
        ...META,
        ftm_target: true,
        previousName: 'Anna Altname',
        birthDate: '1970-02-03',
        nationalityValues: ['xx', 'yy'],
        country: 'xx',
        addressEntity: ['addr-1', 'addr-missing'],
        address: '1 Example Street, Example City',
        sourceUrl: 'https://sanctions.example.gov/list/1',
        topics: ['sanction', 'role.pep'],
        notes: 'Designated in 2022.',
        sanctions: 'Example Ministry: EX-SANCTIONS (2022-02-24) - Support for the example regime',
        identifications: 'Passport P1234567 (xx)',
      },
    });
    expect(acme).toMatchObject({
      id: 'NK-acme',
      kind: 'organization',
      name: 'ACME Trading LLC',
      aliases: ['ACME Trading Limited Liability Company', 'ACME'],
      founded: '2001-05-06',
      country: 'xx',
      orgType: 'company',
      properties: { ftm_schema: 'Company', ftm_datasets: ['ds_one'], weakAlias: 'ACME', jurisdiction: 'xx', status: 'active', sanctions: 'Other Office: OO-1' },
    });
    expect(party).toMatchObject({ id: 'NK-party', kind: 'organization', name: 'Example Party', country: 'xx' });
    expect(party).not.toHaveProperty('orgType');
    expect(boris).toMatchObject({ id: 'NK-boris', kind: 'person', name: 'Boris Primer', aliases: [] });
  });

  it('turns proof, sourceUrl/publisher and the file itself into sources', async () => {
    const d = await loadDataset(path.join(FIX, 'opensanctions.ftm.json'));
    expect(d.sources).toEqual([
      {
        id: FILE_SOURCE,
        kind: 'source',
        name: 'opensanctions.ftm.json',
        sourceKind: 'dataset',
        aliases: [],
        authors: [],
        anonymous: false,
        description: 'The FollowTheMoney file opensanctions.ftm.json, imported as dataset "opensanctions". Relationship records that name no source of their own cite it.',
        properties: { ftm_file: 'opensanctions.ftm.json' },
      },
      {
        id: expect.stringMatching(/^url-[0-9a-f]{16}$/),
        kind: 'source',
        name: 'https://registry.example.org/donations/1',
        sourceKind: 'other',
        publisher: 'Example Registry',
        url: 'https://registry.example.org/donations/1',
        aliases: [],
        authors: [],
        anonymous: false,
        description: '',
      },
      expect.objectContaining({
        id: 'NK-doc1',
        kind: 'source',
        name: 'An article about Anna',
        sourceKind: 'news-article',
        authors: ['Jo Writer'],
        publisher: 'Example News',
        date: '2021-04-05',
        url: 'https://news.example.com/anna',
      }),
    ]);
  });

  it('turns every relationship schema into claims of the matching type', async () => {
    const d = await loadDataset(path.join(FIX, 'opensanctions.ftm.json'));
    const urlSource = d.sources[1]!.id;
    const byId = Object.fromEntries(d.claims.map((c) => [c.id, c]));
    expect(Object.keys(byId)).toEqual(['NK-fam1', 'NK-dir1', 'NK-own1', 'NK-pay1', 'NK-pay2.0', 'NK-pay2.1', 'NK-assoc', 'NK-link1', 'NK-mem1', 'NK-emp1', 'NK-rep1']);
    expect(d.claims.map((c) => [c.id, c.type, c.from, c.to, c.status])).toEqual([
      ['NK-fam1', 'FAMILY_OF', 'NK-anna', 'NK-boris', 'reported'],
      ['NK-dir1', 'LEADS', 'NK-anna', 'NK-acme', 'reported'],
      ['NK-own1', 'OWNS', 'NK-anna', 'NK-acme', 'reported'],
      ['NK-pay1', 'PAID', 'NK-acme', 'NK-party', 'reported'],
      ['NK-pay2.0', 'PAID', 'NK-anna', 'NK-party', 'reported'],
      ['NK-pay2.1', 'PAID', 'NK-boris', 'NK-party', 'reported'],
      ['NK-assoc', 'ASSOCIATED_WITH', 'NK-anna', 'NK-boris', 'reported'],
      ['NK-link1', 'ASSOCIATED_WITH', 'NK-boris', 'NK-party', 'reported'],
      ['NK-mem1', 'MEMBER_OF', 'NK-boris', 'NK-party', 'reported'],
      ['NK-emp1', 'EMPLOYED_BY', 'NK-boris', 'NK-acme', 'reported'],
      ['NK-rep1', 'REPRESENTS', 'NK-boris', 'NK-acme', 'reported'],
    ]);
    // A Payment with amount, currency (upper-cased), a timestamp cut to the day, purpose, and its sourceUrl as source.
    expect(byId['NK-pay1']).toEqual({
      id: 'NK-pay1',
      type: 'PAID',
      from: 'NK-acme',
      to: 'NK-party',
      sourceId: urlSource,
      status: 'reported',
      quote: 'Payment record: payer "ACME Trading LLC", beneficiary "Example Party"; amount 1500000.5 EUR; date 2019-06-30.',
      date: '2019-06-30',
      amount: 1500000.5,
      currency: 'EUR',
      purpose: 'Donation',
      properties: {
        ftm_schema: 'Payment',
        ftm_caption: 'Payment',
        ftm_datasets: ['ds_two'],
        ...META,
        ftm_amount: '1500000.50',
        ftm_currency: 'eur',
        ftm_date: '2019-06-30T12:00:00Z',
        sourceUrl: 'https://registry.example.org/donations/1',
        publisher: 'Example Registry',
        quoteGenerated: true,
      },
    });
    // amountEur, and one claim per payer; no provenance: the file's source.
    expect(byId['NK-pay2.1']).toMatchObject({ amount: 2500, currency: 'EUR', date: '2020', sourceId: FILE_SOURCE });
    // The record's own summary is the quote; role from the record.
    expect(byId['NK-dir1']).toMatchObject({ quote: 'Anna Primer is the general director of ACME.', role: 'General director', start: '2010', sourceId: FILE_SOURCE });
    expect(byId['NK-dir1']!.properties).not.toHaveProperty('quoteGenerated');
    // The Company's ownership edge.
    expect(byId['NK-own1']).toMatchObject({ start: '2012-03-04', quote: 'Ownership record: owner "Anna Primer", asset "ACME Trading LLC"; percentage 60; from 2012-03-04.', properties: { percentage: '60' } });
    expect(byId['NK-fam1']).toMatchObject({ role: 'Spouse' });
    expect(byId['NK-assoc']).toMatchObject({ sourceId: 'NK-doc1', role: 'business partner' });
    // A proof that is not in the file: the file stands as source, the reference is reported.
    expect(byId['NK-mem1']).toMatchObject({ sourceId: FILE_SOURCE, role: 'member', properties: { proof: 'NK-missing-doc' } });
  });

  it('counts what it skipped, kept as properties, and the dangling references', async () => {
    const d = await loadDataset(path.join(FIX, 'opensanctions.ftm.json'));
    expect(d.notes).toEqual({
      skipped: { Vessel: 1 },
      keptAsProperties: { Address: 1, Sanction: 2, Passport: 1 },
      claimsSkipped: {
        'an endpoint is a Vessel, which claimgraph does not model': { count: 1, examples: ['NK-own2'] },
        'an endpoint is in neither the file nor the database': { count: 1, examples: ['NK-own3'] },
      },
      dangling: { count: 3, ids: ['addr-missing', 'NK-ghost', 'NK-missing-doc'], byProperty: { addressEntity: 1, owner: 1, proof: 1 } },
      keptRaw: 0,
      assumed: {},
    });
    expect(formatNotes(d.notes).join('\n')).toMatch(/references to 3 ids in neither the file nor the database \(addressEntity 1, owner 1, proof 1\): addr-missing, NK-ghost, NK-missing-doc/);
  });

  it('asks the database about ids the file does not have', async () => {
    const d = await loadDataset(path.join(FIX, 'opensanctions.ftm.json'), { knownIds: async (ids) => new Set(ids.filter((id) => id === 'NK-ghost')) });
    expect(d.claims.find((c) => c.id === 'NK-own3')).toMatchObject({ from: 'NK-ghost', to: 'NK-acme', type: 'OWNS' });
    expect(d.notes.dangling).toEqual({ count: 2, ids: ['addr-missing', 'NK-missing-doc'], byProperty: { addressEntity: 1, proof: 1 } });
  });
});

describe('an Aleph-style file', () => {
  it('imports a Company with an ownership edge, the proof table as source', async () => {
    const d = await loadDataset(path.join(FIX, 'aleph.jsonl'));
    const T1 = 'aaaa111111111111111111111111111111111111.bbbb111111111111111111111111111111111111';
    const P1 = 'cccc111111111111111111111111111111111111.dddd111111111111111111111111111111111111';
    const C1 = 'eeee111111111111111111111111111111111111.ffff111111111111111111111111111111111111';
    const C2 = 'eeee222222222222222222222222222222222222.ffff222222222222222222222222222222222222';
    expect(d.entities.map((e) => [e.id, e.kind, e.name])).toEqual([
      [P1, 'person', 'Ana Exemplo'],
      [C1, 'organization', 'Exemplo Holdings S.A.'],
      [C2, 'organization', 'Exemplo Energia Lda'],
    ]);
    expect(d.entities[2]).toMatchObject({ dissolved: '2019', country: 'ao', orgType: 'company', properties: { proof: T1, jurisdiction: 'ao' } });
    expect(d.sources.map((s) => [s.id, s.sourceKind, s.name, s.citation])).toEqual([
      [T1, 'dataset', 'Companies list', 'Companies list (in Holdings of the Exemplo family.xlsx)'],
      ['file:aleph:aleph.jsonl', 'dataset', 'aleph.jsonl', undefined],
    ]);
    expect(d.claims.map((c) => [c.type, c.from, c.to, c.sourceId, c.start, c.end])).toEqual([
      ['OWNS', P1, C1, 'file:aleph:aleph.jsonl', '2013-11-18', undefined],
      ['OWNS', C1, C2, T1, '2015-01-02', '2019-05'],
    ]);
    expect(d.notes.skipped).toEqual({ Table: 1, Workbook: 1 });
    expect(d.notes.dangling.count).toBe(0);
  });
});

describe('FtM edge cases', () => {
  it('reports lines that are not JSON, and duplicate ids, with their line', async () => {
    const file = await tempFile('broken.ftm.json', [
      { id: 'p1', schema: 'Person', properties: { name: ['P'] } },
      '{"id": "p2", "schema": ',
      { id: 'p1', schema: 'Person', properties: { name: ['P again'] } },
      { id: 'nameless', schema: 'Company', properties: {} },
    ]);
    try {
      await loadDataset(file);
      throw new Error('expected a rejection');
    } catch (err) {
      expect(err).toBeInstanceOf(DatasetValidationError);
      const issues = (err as DatasetValidationError).issues;
      expect(issues.map((i) => [i.line, i.field, i.message.slice(0, 20)])).toEqual([
        [2, undefined, 'not valid JSON: Unex'],
        [3, 'id', 'duplicate id "p1", f'],
      ]);
    }
  });

  it('restores the ids of claimgraph\'s own FtM export and reads its claims back', async () => {
    expect(unescapeClaimgraphId('a.5fb.3ac')).toBe('a_b:c');
    expect(unescapeClaimgraphId('org.2ehub')).toBe('org.hub');
    // An Aleph id is left alone: `.55` would decode to a letter the export never escapes.
    expect(unescapeClaimgraphId('dfa0.55a9')).toBeUndefined();
    const file = await tempFile('export.ftm.json', [
      { id: 'p.5fa', schema: 'Person', properties: { name: ['A'], notes: ['An editorial note.'] } },
      { id: 'place-x', schema: 'Address', properties: { name: ['Port X'], full: ['Port X'], summary: ['city'], country: ['Freedonia'] } },
      { id: 'idea', schema: 'Note', properties: { name: ['An idea'], keywords: ['ideology'] } },
      { id: 'src.3a1', schema: 'Document', properties: { title: ['A report'], keywords: ['report'], publishedAt: ['2019'], notes: ['Report (2019).'] } },
      { id: 'claim-c.5f1', schema: 'UnknownLink', properties: { subject: ['p.5fa'], object: ['place-x'], recordId: ['c_1'], summary: ['alleged'], status: ['alleged'], description: ['A is based in Port X.'], role: ['BASED_IN', 'home'], proof: ['src.3a1'] } },
      { id: 'claim-c2', schema: 'UnknownLink', properties: { subject: ['p.5fa'], object: ['idea'], recordId: ['c2'], summary: ['assessment'], description: ['A holds the idea.'], role: ['SUPPORTED'], proof: ['src.3a1'] } },
      { id: 'claim-c3', schema: 'Documentation', properties: { entity: ['p.5fa'], document: ['src.3a1'], recordId: ['c3'], summary: ['documented'], description: ['A wrote the report.'], role: ['AUTHORED'], proof: ['src.3a1'] } },
    ]);
    const d = await loadDataset(file);
    expect(d.entities.map((e) => [e.id, e.kind, e.name])).toEqual([
      ['p_a', 'person', 'A'],
      ['place-x', 'place', 'Port X'],
      ['idea', 'concept', 'An idea'],
    ]);
    expect(d.entities[0]).toMatchObject({ note: 'An editorial note.' });
    expect(d.entities[1]).toMatchObject({ placeType: 'city', country: 'Freedonia', description: '' });
    expect(d.entities[2]).toMatchObject({ category: 'ideology' });
    expect(d.sources).toEqual([expect.objectContaining({ id: 'src:1', sourceKind: 'report', date: '2019', citation: 'Report (2019).' })]);
    expect(d.claims.map((c) => [c.id, c.type, c.from, c.to, c.status, c.quote, c.sourceId, c.role])).toEqual([
      ['c_1', 'BASED_IN', 'p_a', 'place-x', 'alleged', 'A is based in Port X.', 'src:1', 'home'],
      ['c2', 'SUPPORTED', 'p_a', 'idea', 'assessment', 'A holds the idea.', 'src:1', undefined],
      ['c3', 'AUTHORED', 'p_a', 'src:1', 'documented', 'A wrote the report.', 'src:1', undefined],
    ]);
  });
});
