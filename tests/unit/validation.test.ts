/**
 * Dataset validation: one test per kind of bad input, each asserting the
 * error names the file, the record (and line) and the field. Each case copies
 * the fixture into a temp folder and breaks one thing.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hash53, HashSet53, loadDataset } from '../../server/import/load.ts';
import { issuesOf } from '../helpers/dataset.ts';

const FIXTURE = path.resolve('tests/fixtures/mini');
const temps: string[] = [];

async function brokenCopy(file: string, edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-bad-'));
  temps.push(dir);
  await cp(FIXTURE, dir, { recursive: true });
  const p = path.join(dir, file);
  await writeFile(p, edit(await readFile(p, 'utf8')));
  return dir;
}


afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('dataset validation', () => {
  it('accepts the fixture and counts every kind, type and status', async () => {
    const d = await loadDataset(FIXTURE);
    expect(d.meta.name).toBe('mini');
    expect(Object.keys(d.counts.byStatus).sort()).toEqual(['alleged', 'assessment', 'disputed', 'documented', 'reported']);
    expect(Object.keys(d.counts.byKind).sort()).toEqual(['concept', 'event', 'organization', 'person', 'place', 'source']);
    expect(Object.keys(d.counts.byType)).toHaveLength(26);
  });

  it('names file, record, line and field for a missing endpoint', async () => {
    const dir = await brokenCopy('claims.yaml', (t) => t.replace('from: person-founder, to: org-hub, sourceId: src-report, status: reported, quote: "Bruno Quill founded', 'from: person-founder, to: org-nowhere, sourceId: src-report, status: reported, quote: "Bruno Quill founded'));
    const [i, ...rest] = await issuesOf(dir);
    expect(rest).toEqual([]);
    expect(i).toMatchObject({ file: expect.stringMatching(/claims\.yaml$/), record: 'claims[3] "c-founded"', line: 5, field: 'to' });
    expect(i!.message).toContain('org-nowhere');
  });

  it('rejects an unknown status and says which are allowed', async () => {
    const dir = await brokenCopy('claims.yaml', (t) => t.replace('status: reported, quote: "Ada Quill has led', 'status: rumoured, quote: "Ada Quill has led'));
    const [i] = await issuesOf(dir);
    expect(i).toMatchObject({ record: 'claims[0] "c-leads"', line: 2, field: 'status' });
    expect(i!.message).toMatch(/documented.*reported.*assessment.*alleged.*disputed/);
    expect(i!.message).toContain('rumoured');
  });

  it('rejects a duplicate id and points at the first definition', async () => {
    const dir = await brokenCopy('entities.yaml', (t) => t.replace('id: org-hub', 'id: org-front'));
    const issues = await issuesOf(dir);
    const dup = issues.find((i) => i.message.includes('duplicate'));
    expect(dup).toMatchObject({ file: expect.stringMatching(/entities\.yaml$/), record: 'entities[1] "org-front"', field: 'id' });
    expect(dup!.message).toMatch(/entities\.yaml:2/);
  });

  it('rejects a duplicate claim id', async () => {
    const dir = await brokenCopy('claims.yaml', (t) => t.replace('{id: c-owns,', '{id: c-leads,'));
    const [i] = await issuesOf(dir);
    expect(i).toMatchObject({ record: 'claims[11] "c-leads"', line: 13, field: 'id' });
    expect(i!.message).toMatch(/^duplicate id "c-leads", first defined at .*claims\.yaml:2$/);
  });

  it('finds duplicate claim ids in a bulk JSONL file, naming both lines, and only real ones', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-bulk-'));
    temps.push(dir);
    const lines = [
      { record: 'entity', id: 'p-a', kind: 'person', name: 'A' },
      { record: 'entity', id: 'p-b', kind: 'person', name: 'B' },
      { record: 'source', id: 's-1', kind: 'source', name: 'S', sourceKind: 'report' },
      ...Array.from({ length: 3000 }, (_, n) => ({ record: 'claim', id: `c-${n}`, type: 'ALLIED_WITH', from: 'p-a', to: 'p-b', sourceId: 's-1', status: 'reported', quote: 'q' })),
    ];
    lines.push({ ...lines[10]!, quote: 'again' }, { ...lines[2500]! }); // c-7 and c-2497 again, at lines 3004 and 3005
    await writeFile(path.join(dir, 'data.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const issues = await issuesOf(dir);
    expect(issues.map((i) => [i.record, i.line, i.field, i.message])).toEqual([
      ['claims[3000] "c-7"', 3004, 'id', `duplicate id "c-7", first defined at ${path.join(dir, 'data.jsonl')}:11`],
      ['claims[3001] "c-2497"', 3005, 'id', expect.stringMatching(/^duplicate id "c-2497", first defined at .*data\.jsonl:2501$/)],
    ]);
  });

  it('keeps claim ids as 53-bit hashes: a repeat is reported, different ids are not', () => {
    const set = new HashSet53();
    // One assertion over the loop (200,000 expect() calls took seconds on a loaded machine).
    const refused: string[] = [];
    for (let n = 0; n < 200_000; n++) if (!set.add(`c-${n}`)) refused.push(`c-${n}`);
    expect(refused).toEqual([]);
    expect(set.add('c-12345')).toBe(false);
    expect(set.add('c-200000')).toBe(true);
    expect(hash53('c-1')).not.toBe(hash53('c-2'));
    expect(hash53('')).toBeGreaterThan(0); // 0 marks an empty slot
  });

  it('rejects an impossible date', async () => {
    const dir = await brokenCopy('entities.yaml', (t) => t.replace('date: "2018-06-30"', 'date: "2018-02-30"'));
    const [i] = await issuesOf(dir);
    expect(i).toMatchObject({ record: 'entities[14] "event-summit"', field: 'date' });
    expect(i!.line).toBeGreaterThan(80);
    expect(i!.message).toContain('2018-02-30');
  });

  it('rejects a date in another format', async () => {
    const dir = await brokenCopy('claims.yaml', (t) => t.replace('date: "1970-05"}', 'date: "May 1970"}'));
    const issues = await issuesOf(dir);
    expect(issues[0]).toMatchObject({ record: 'claims[3] "c-founded"', field: 'date' });
  });

  it('rejects a claim without sourceId', async () => {
    const dir = await brokenCopy('claims.yaml', (t) => t.replace('from: src-report, to: src-news, sourceId: src-report, ', 'from: src-report, to: src-news, '));
    const [i] = await issuesOf(dir);
    expect(i).toMatchObject({ record: 'claims[29] "c-cites"', line: 31, field: 'sourceId' });
    expect(i!.message).toMatch(/required/);
  });

  it('rejects a sourceId that names an entity, not a source', async () => {
    const dir = await brokenCopy('claims.yaml', (t) => t.replace('to: org-hub, sourceId: src-report, status: reported, quote: "Ada', 'to: org-hub, sourceId: org-front, status: reported, quote: "Ada'));
    const [i] = await issuesOf(dir);
    expect(i).toMatchObject({ record: 'claims[0] "c-leads"', field: 'sourceId' });
    expect(i!.message).toMatch(/is an entity, not a source/);
  });

  it('rejects an unknown relationship type', async () => {
    const dir = await brokenCopy('claims.yaml', (t) => t.replace('type: OWNS', 'type: OWNED'));
    const [i] = await issuesOf(dir);
    expect(i).toMatchObject({ record: 'claims[11] "c-owns"', field: 'type' });
  });

  it('rejects an empty quote', async () => {
    const dir = await brokenCopy('claims.yaml', (t) => t.replace('quote: "Published by Example Gazette."', 'quote: ""'));
    const [i] = await issuesOf(dir);
    expect(i).toMatchObject({ record: 'claims[28] "c-published"', field: 'quote' });
  });

  it('rejects an unknown field (a typo) on a record', async () => {
    const dir = await brokenCopy('entities.yaml', (t) => t.replace('    orgType: movement', '    orgTyp: movement'));
    const [i] = await issuesOf(dir);
    expect(i).toMatchObject({ record: 'entities[1] "org-hub"', field: 'orgTyp', line: 16 });
  });

  it('rejects an unknown entity kind', async () => {
    const dir = await brokenCopy('entities.yaml', (t) => t.replace('kind: place\n    name: Port Sylvan', 'kind: city\n    name: Port Sylvan'));
    const [i] = await issuesOf(dir);
    expect(i).toMatchObject({ record: 'entities[16] "place-capital"', field: 'kind' });
    expect(i!.message).toMatch(/person.*organization/);
  });

  it('rejects a bad id', async () => {
    const dir = await brokenCopy('entities.yaml', (t) => t.replace('id: place-camp', 'id: "place camp!"'));
    const issues = await issuesOf(dir);
    expect(issues.some((i) => i.field === 'id' && i.record?.includes('place camp!'))).toBe(true);
  });

  it('reports broken YAML with its line', async () => {
    const dir = await brokenCopy('sources.yaml', (t) => t.replace('    sourceKind: report', '    sourceKind: [report'));
    const [i] = await issuesOf(dir);
    expect(i!.file).toMatch(/sources\.yaml$/);
    expect(i!.line).toBeGreaterThan(0);
    expect(i!.message).toMatch(/not valid YAML/);
  });

  it('reports a bad URL on a source', async () => {
    const dir = await brokenCopy('sources.yaml', (t) => t.replace('url: https://example.org/reports/northwind', 'url: javascript:alert(1)'));
    const [i] = await issuesOf(dir);
    expect(i).toMatchObject({ record: 'sources[0] "src-report"', field: 'url' });
  });

  it('reports every error at once, not only the first', async () => {
    const dir = await brokenCopy('claims.yaml', (t) =>
      t.replace('status: reported, quote: "Ada Quill has led', 'status: rumoured, quote: "Ada Quill has led').replace('type: OWNS', 'type: OWNED'),
    );
    expect(await issuesOf(dir)).toHaveLength(2);
  });

  it('reads .jsonl records with line numbers', async () => {
    const dir = await brokenCopy('dataset.yaml', (t) => t);
    await writeFile(
      path.join(dir, 'more.jsonl'),
      [
        JSON.stringify({ record: 'entity', id: 'jl-1', kind: 'person', name: 'Line One' }),
        JSON.stringify({ record: 'claim', id: 'jl-c', type: 'MEMBER_OF', from: 'jl-1', to: 'org-hub', sourceId: 'src-news', status: 'maybe', quote: 'x' }),
      ].join('\n'),
    );
    const [i] = await issuesOf(dir);
    expect(i).toMatchObject({ file: expect.stringMatching(/more\.jsonl$/), line: 2, field: 'status' });
  });

  it('resolves YAML anchors, aliases and merge keys', async () => {
    const dir = await brokenCopy('dataset.yaml', (t) => t);
    await writeFile(
      path.join(dir, 'anchors.yaml'),
      [
        'claims:',
        '  - &base {id: c-anchor-1, type: FAMILY_OF, from: person-leader, to: person-speaker, sourceId: src-news, status: alleged, quote: "They are cousins."}',
        '  - {<<: *base, id: c-anchor-2, sourceId: src-post}',
      ].join('\n'),
    );
    const d = await loadDataset(dir);
    const two = d.claims.find((c) => c.id === 'c-anchor-2');
    expect(two).toMatchObject({ type: 'FAMILY_OF', from: 'person-leader', sourceId: 'src-post', quote: 'They are cousins.' });
  });
});
