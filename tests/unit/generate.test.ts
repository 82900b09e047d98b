/**
 * The synthetic-network generator: deterministic for a seed, valid by the
 * real validator, every status and money claims present, hubs with front
 * groups, heavy-tailed degrees, and CSV files that match the dataset. Shape
 * only: nothing here depends on timing.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, type GenerateManifest } from '../../server/generate/generate.ts';
import { Rng, ZipfSampler } from '../../server/generate/rng.ts';
import { validateDataset } from '../../server/import/load.ts';
import { CLAIM_STATUSES } from '../../server/model/statuses.ts';

const ENTITIES = 600;
const CLAIMS = 6000;
let root: string;
let manifest: GenerateManifest;

async function jsonLines(file: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (line) out.push(JSON.parse(line) as Record<string, unknown>);
  }
  return out;
}

async function folderBytes(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(files.map(async (f) => [f, await readFile(path.join(dir, f), 'utf8')] as const)));
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'claimgraph-gen-'));
  manifest = await generateDataset({ entities: ENTITIES, claims: CLAIMS, seed: 7, out: path.join(root, 'a'), csvOut: path.join(root, 'a-csv') });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('generator', () => {
  it('is deterministic for a seed and differs across seeds', async () => {
    await generateDataset({ entities: ENTITIES, claims: CLAIMS, seed: 7, out: path.join(root, 'b'), csvOut: path.join(root, 'b-csv') });
    await generateDataset({ entities: ENTITIES, claims: CLAIMS, seed: 8, out: path.join(root, 'c') });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((d) => folderBytes(path.join(root, d))));
    const [ac, bc] = await Promise.all(['a-csv', 'b-csv'].map((d) => folderBytes(path.join(root, d))));
    expect(b).toEqual(a);
    expect(bc).toEqual(ac);
    expect(c!['03-claims.jsonl']).not.toEqual(a!['03-claims.jsonl']);
  });

  it('writes a dataset the real validator accepts, with the requested sizes', async () => {
    const plan = await validateDataset(path.join(root, 'a'));
    expect(plan.counts.entities + plan.counts.sources).toBe(ENTITIES);
    expect(plan.counts.claims).toBe(CLAIMS);
    expect(plan.counts.sources).toBeGreaterThan(0);
    for (const kind of ['person', 'organization', 'event', 'place', 'concept', 'source']) {
      expect(plan.counts.byKind[kind], kind).toBeGreaterThan(0);
    }
    expect(plan.counts.byStatus).toEqual(manifest.byStatus);
  });

  it('has every status, and money claims with amounts, currencies and dates', async () => {
    const claims = await jsonLines(path.join(root, 'a', '03-claims.jsonl'));
    for (const s of CLAIM_STATUSES) expect(claims.some((c) => c.status === s), s).toBe(true);
    // Even a tiny dataset has every status and a FUNDED and a PAID claim with an amount.
    const tiny = await generateDataset({ entities: 20, claims: 10, seed: 1, out: path.join(root, 'tiny') });
    expect(Object.keys(tiny.byStatus).sort()).toEqual([...CLAIM_STATUSES].sort());
    const tinyClaims = await jsonLines(path.join(root, 'tiny', '03-claims.jsonl'));
    expect(tinyClaims.some((c) => c.type === 'FUNDED' && typeof c.amount === 'number')).toBe(true);
    expect(tinyClaims.some((c) => c.type === 'PAID' && typeof c.amount === 'number')).toBe(true);

    const money = claims.filter((c) => c.type === 'FUNDED' || c.type === 'PAID');
    expect(money.length).toBeGreaterThan(CLAIMS * 0.1);
    const withAmount = money.filter((c) => typeof c.amount === 'number');
    expect(withAmount.length / money.length).toBeGreaterThan(0.7);
    expect(withAmount.every((c) => typeof c.currency === 'string' && typeof c.date === 'string')).toBe(true);
    // Dates at every precision.
    const dates = money.map((c) => String(c.date));
    expect(dates.some((d) => /^\d{4}$/.test(d))).toBe(true);
    expect(dates.some((d) => /^\d{4}-\d{2}$/.test(d))).toBe(true);
    expect(dates.some((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
  });

  it('gives some facts several sources, and people several roles', async () => {
    const claims = await jsonLines(path.join(root, 'a', '03-claims.jsonl'));
    const facts = new Map<string, Set<unknown>>();
    for (const c of claims) {
      const key = `${String(c.type)} ${String(c.from)} ${String(c.to)}`;
      const set = facts.get(key) ?? new Set();
      set.add(c.sourceId);
      facts.set(key, set);
    }
    const multi = [...facts.values()].filter((s) => s.size >= 2).length;
    expect(multi).toBeGreaterThan(facts.size * 0.05);

    const roles = new Map<unknown, Set<string>>();
    for (const c of claims) {
      if (['MEMBER_OF', 'LEADS', 'EMPLOYED_BY', 'REPRESENTS'].includes(String(c.type))) {
        const set = roles.get(c.from) ?? new Set();
        set.add(`${String(c.type)} ${String(c.to)}`);
        roles.set(c.from, set);
      }
    }
    const people = [...roles.values()];
    expect(people.filter((s) => s.size >= 3).length).toBeGreaterThan(10);
  });

  it('has hub organizations with front groups and heavy-tailed degrees', async () => {
    const claims = await jsonLines(path.join(root, 'a', '03-claims.jsonl'));
    const hubIds = new Set(manifest.hubs.map((h) => h.id));
    expect(hubIds.size).toBeGreaterThanOrEqual(2);
    const fronts = claims.filter((c) => c.type === 'PART_OF' && c.role === 'front group' && hubIds.has(String(c.to)));
    expect(new Set(fronts.map((c) => c.from)).size).toBeGreaterThan(20);

    const degree = new Map<string, number>();
    for (const c of claims) for (const end of [c.from, c.to]) degree.set(String(end), (degree.get(String(end)) ?? 0) + 1);
    const sorted = [...degree.values()].sort((x, y) => x - y);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const max = sorted.at(-1)!;
    expect(max).toBe(manifest.degree.max);
    expect(max).toBeGreaterThan(50 * median);
    // The top 1% of nodes carry a large share of all claim ends (a uniform graph: about 1%).
    const top = sorted.slice(-Math.ceil(ENTITIES / 100)).reduce((a, b) => a + b, 0);
    expect(top / (2 * CLAIMS)).toBeGreaterThan(0.15);
    expect(manifest.typical.degree).toBe(degree.get(manifest.typical.id) ?? 0);
    expect(manifest.typical.degree).toBeLessThan(max / 20);
  });

  it('writes CSV files with the same rows as the dataset', async () => {
    const csv = manifest.csv!;
    const nodeRows = Object.values(csv.nodes).reduce((a, f) => a + f.rows, 0);
    const claimRows = Object.values(csv.claims).reduce((a, f) => a + f.rows, 0);
    expect(nodeRows).toBe(ENTITIES);
    expect(claimRows).toBe(CLAIMS);
    expect(csv.claims.FUNDED!.rows).toBe(manifest.byType.FUNDED);
    const funded = await readFile(path.join(root, 'a-csv', csv.claims.FUNDED!.file), 'utf8');
    const [header] = funded.split('\n');
    expect(header).toBe('id,from,to,sourceId,status,quote,claimant,citedIn,date,start,end,role,amount,currency,purpose,note,dateMin,dateMax');
  });

  it('samples Zipf-distributed indices reproducibly', () => {
    const z = new ZipfSampler(1000, 1);
    const draw = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 2000 }, () => z.sample(rng));
    };
    const a = draw(3);
    expect(draw(3)).toEqual(a);
    expect(a.filter((i) => i === 0).length).toBeGreaterThan(a.filter((i) => i === 500).length * 20);
    expect(a.every((i) => i >= 0 && i < 1000)).toBe(true);
  });
});
