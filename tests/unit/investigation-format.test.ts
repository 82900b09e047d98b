/**
 * The investigation format (shared/investigation): the committed JSON Schema
 * is what the zod schema generates; the claim hash covers what a claim says
 * and nothing of its bookkeeping; reading a document names the field of every
 * problem.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { canonicalJson, claimHash, CLAIM_HASH_RE } from '../../shared/investigation/claim-hash.ts';
import { investigationJsonSchema } from '../../shared/investigation/json-schema.ts';
import { parseInvestigation, parseInvestigationText, type InvestigationDocument } from '../../shared/investigation/schema.ts';
import { documentOf } from '../../client/src/investigations/index.ts';
import { ExplorerState } from '../../client/src/state/index.ts';
import { DATA, random } from './client/fixtures.ts';

const COMMITTED = 'shared/investigation/investigation.schema.json';

function sampleDocument(): InvestigationDocument {
  const state = new ExplorerState();
  state.graph.merge(DATA);
  state.set({
    notes: [{ id: 'n-1', target: { type: 'entity', id: 'org-hub' }, text: 'hub', createdAt: '2026-01-02T03:04:05.000Z', updatedAt: '2026-01-02T03:04:05.000Z' }],
    story: [{ id: 's-1', title: 'One', text: 'the hub', nodes: ['org-hub'], edges: [], camera: { x: 1, y: 2, extent: 300, angle: 0 } }],
  });
  return documentOf(state.save(), 'A sample', new Date('2026-02-01T00:00:00Z'));
}

const claim = { type: 'FUNDED', source: 'a', target: 'b', properties: { id: 'c1', status: 'documented', quote: 'Grants: 120,000.', sourceId: 's1', amount: 120000, currency: 'USD', datasets: ['mini'] } };

describe('the claim hash', () => {
  it('is sha256: and 32 hex digits, the same whatever order the properties come in', () => {
    const h = claimHash(claim);
    expect(h).toMatch(CLAIM_HASH_RE);
    const rnd = random(7);
    for (let i = 0; i < 20; i++) {
      const entries = Object.entries(claim.properties).sort(() => rnd() - 0.5);
      expect(claimHash({ ...claim, properties: Object.fromEntries(entries) })).toBe(h);
    }
  });

  it('changes with the quote, the status, the source, the type, either end or any other property', () => {
    const h = claimHash(claim);
    const variants = [
      { ...claim, properties: { ...claim.properties, quote: 'Grants: 130,000.' } },
      { ...claim, properties: { ...claim.properties, status: 'reported' } },
      { ...claim, properties: { ...claim.properties, sourceId: 's2' } },
      { ...claim, properties: { ...claim.properties, amount: 120001 } },
      { ...claim, properties: { ...claim.properties, role: 'donor' } },
      { ...claim, type: 'PAID' },
      { ...claim, source: 'x' },
      { ...claim, target: 'x' },
    ];
    const hashes = variants.map(claimHash);
    expect(new Set([h, ...hashes]).size).toBe(variants.length + 1);
  });

  it('ignores bookkeeping: datasets, date bounds, quote verification, internal properties', () => {
    const h = claimHash(claim);
    const p = { ...claim.properties, datasets: ['mini', 'other'], dateMin: '2019-01-01', dateMax: '2019-12-31', verification: 'verified', quoteExact: 'x', quotePrefix: 'y', quoteSuffix: 'z', _importRun: 'r1' };
    expect(claimHash({ ...claim, properties: p })).toBe(h);
  });

  it('canonical JSON sorts keys at every level and keeps arrays in order', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: 0 }], a: null, u: undefined })).toBe('{"a":null,"b":[2,{"c":0,"d":1}]}');
  });
});

describe('the investigation document', () => {
  it('the committed JSON Schema is what the zod schema generates (run npm run schema:json)', () => {
    expect(JSON.parse(readFileSync(COMMITTED, 'utf8'))).toEqual(investigationJsonSchema());
  });

  it('a document made from the state reads back, and an independent validator (Ajv) accepts it', () => {
    const doc = sampleDocument();
    const r = parseInvestigation(JSON.parse(JSON.stringify(doc)));
    expect(r.ok ? r.doc : r.issues).toEqual(doc);
    const validate = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(investigationJsonSchema());
    expect(validate(JSON.parse(JSON.stringify(doc))) ? [] : validate.errors).toEqual([]);
  });

  it('names the field of each problem (its zod path)', () => {
    const doc = JSON.parse(JSON.stringify(sampleDocument()));
    doc.state.nodes[1].x = 'left';
    doc.state.story[0].camera.extent = -1;
    doc.claims[0].hash = 'md5:abc';
    const r = parseInvestigation(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['state.nodes.1.x', 'state.story.0.camera.extent', 'claims.0.hash']));
    expect(r.message).toContain('state.nodes.1.x');
  });

  it('says what is wrong with another kind of file, a newer version, repeated entities, and text that is not JSON', () => {
    const other = parseInvestigation({ entities: [], claims: [] });
    expect(!other.ok && other.issues.find((i) => i.path === 'format')?.message).toContain('not a claimgraph investigation file');
    const newer = parseInvestigation({ ...sampleDocument(), version: 2 });
    expect(!newer.ok && newer.issues.find((i) => i.path === 'version')?.message).toContain('newer claimgraph');
    const doc = sampleDocument();
    const dup = parseInvestigation({ ...doc, state: { ...doc.state, nodes: [...doc.state.nodes, doc.state.nodes[0]!] } });
    expect(!dup.ok && dup.issues.find((i) => i.path === 'state.nodes')?.message).toContain('org-hub');
    const notJson = parseInvestigationText('{"format": ');
    expect(notJson.ok).toBe(false);
    expect(!notJson.ok && notJson.message).toContain('not JSON');
    const extra = parseInvestigation({ ...doc, titel: 'typo' });
    expect(!extra.ok && extra.issues.map((i) => i.message).join()).toContain('titel');
  });
});
