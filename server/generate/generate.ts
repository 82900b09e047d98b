/**
 * Synthetic influence networks for benchmarks and tests, deterministic for a
 * seed, written as a valid dataset (our native `.jsonl` records, streamed)
 * and, optionally, as CSV files Neo4j's `LOAD CSV` can read (one file per
 * label and per relationship type, the same data with the same properties).
 *
 * Shape, on purpose like a real influence network:
 * - a few hub organizations (index 0..hubs-1 of the organizations) with many
 *   front groups (`PART_OF`, role "front group");
 * - heavy-tailed degrees: every endpoint is drawn from a Zipf distribution
 *   over its kind, so a few nodes take a large share of the claims;
 * - people with several roles (`MEMBER_OF`, `LEADS`, `EMPLOYED_BY`,
 *   `REPRESENTS`, with role, start and end);
 * - money: `FUNDED` and `PAID` claims with amounts, currencies, purposes and
 *   dates at year, month or day precision;
 * - several sources for some facts: the same (type, from, to) claimed by 2 to
 *   4 sources, each its own claim with its own status;
 * - every status present (the first five claims take them in order).
 *
 * Memory is bounded by the number of entities (ids, names, degrees); claims
 * are written as they are drawn, never held.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CLAIM_STATUSES, type ClaimStatus } from '../model/statuses.ts';
import { dateBounds } from '../model/dates.ts';
import { KIND_LABELS, SOURCE_KINDS, type EntityKind } from '../model/kinds.ts';
import type { RelationType } from '../model/vocabulary.ts';
import { Rng, ZipfSampler } from './rng.ts';
import * as V from './vocab.ts';

export interface GenerateOptions {
  /** Nodes in all, sources included (sources are `:Entity:Source` nodes). */
  entities: number;
  claims: number;
  seed: number;
  /** The dataset folder (created): dataset.yaml, 01-entities.jsonl, 02-sources.jsonl, 03-claims.jsonl, .generated.json. */
  out: string;
  /** Also write CSV files for `LOAD CSV` into this folder. */
  csvOut?: string;
  /** Dataset name (default `synthetic-n<entities>-m<claims>-s<seed>`). */
  name?: string;
}

export interface CsvFile {
  file: string;
  rows: number;
}

/** What was generated; also written to `<out>/.generated.json` (a dot file, so importers skip it). */
export interface GenerateManifest {
  generator: string;
  name: string;
  seed: number;
  entities: number;
  sources: number;
  claims: number;
  byKind: Record<string, number>;
  byType: Record<string, number>;
  byStatus: Record<string, number>;
  hubs: { id: string; name: string; degree: number }[];
  /** A person whose degree is the median degree of people: the "typical node". */
  typical: { id: string; name: string; degree: number };
  /** More typical nodes (other people near the median degree), for path queries. */
  typicalOthers: { id: string; name: string; degree: number }[];
  degree: { max: number; median: number; p90: number; p99: number; top1PercentShare: number };
  /** Words that occur in names (search benchmark). */
  searchTerms: string[];
  csv?: { nodes: Record<string, CsvFile>; claims: Record<string, CsvFile> };
}

export const NODE_CSV_COLUMNS = [
  'id', 'kind', 'name', 'aliases', 'description', 'anonymous', 'born', 'died', 'nationality', 'founded', 'dissolved',
  'country', 'orgType', 'count', 'date', 'start', 'end', 'placeType', 'category', 'sourceKind', 'authors', 'publisher',
  'url', 'accessed', 'citation', 'note',
] as const;

export const CLAIM_CSV_COLUMNS = [
  'id', 'from', 'to', 'sourceId', 'status', 'quote', 'claimant', 'citedIn', 'date', 'start', 'end', 'role', 'amount',
  'currency', 'purpose', 'note', 'dateMin', 'dateMax',
] as const;

/** Share of the nodes per kind. */
const KIND_SHARES: [EntityKind, number][] = [
  ['person', 0.52],
  ['organization', 0.22],
  ['event', 0.08],
  ['place', 0.04],
  ['concept', 0.04],
  ['source', 0.1],
];

/** Zipf exponent per kind: higher means more concentrated on the first nodes. */
const KIND_EXPONENT: Record<EntityKind, number> = {
  person: 0.8,
  organization: 1.0,
  event: 0.9,
  place: 1.1,
  concept: 1.0,
  source: 0.9,
};

const ID_PREFIX: Record<EntityKind, string> = {
  person: 'per',
  organization: 'org',
  event: 'evt',
  place: 'plc',
  concept: 'cpt',
  source: 'src',
};

/** Status shares: reported most, disputed rare. */
const STATUS_WEIGHTS: Record<ClaimStatus, number> = {
  documented: 0.22,
  reported: 0.38,
  assessment: 0.14,
  alleged: 0.2,
  disputed: 0.06,
};

const STATUS_LEAD: Record<ClaimStatus, string> = {
  documented: 'Public filings show that',
  reported: 'The report states that',
  assessment: 'In the author’s assessment,',
  alleged: 'A former member alleges that',
  disputed: 'It is claimed, and contested, that',
};

type KindWeights = [EntityKind, number][];

interface ClaimSpec {
  type: RelationType;
  weight: number;
  from: KindWeights;
  to: KindWeights;
  /** "to hubs": the target is one of the hub organizations (front groups). */
  toHubs?: boolean;
  phrase: string;
}

const P: KindWeights = [['person', 1]];
const O: KindWeights = [['organization', 1]];
const PO: KindWeights = [['person', 2], ['organization', 1]];
const ACTOR: KindWeights = [['person', 1], ['organization', 1]];
const E: KindWeights = [['event', 1]];
const PL: KindWeights = [['place', 1]];
const S: KindWeights = [['source', 1]];
const ANY: KindWeights = [['person', 3], ['organization', 3], ['event', 1], ['concept', 1]];

const SPECS: ClaimSpec[] = [
  { type: 'MEMBER_OF', weight: 14, from: P, to: O, phrase: 'is a {role} of' },
  { type: 'LEADS', weight: 3, from: P, to: O, phrase: 'serves as {role} of' },
  { type: 'EMPLOYED_BY', weight: 6, from: P, to: O, phrase: 'works as {role} for' },
  { type: 'REPRESENTS', weight: 3, from: P, to: O, phrase: 'speaks on behalf of' },
  { type: 'FOUNDED', weight: 1, from: PO, to: O, phrase: 'founded' },
  { type: 'PART_OF', weight: 5, from: O, to: O, toHubs: true, phrase: 'operates as a {role} of' },
  { type: 'FUNDED', weight: 10, from: ACTOR, to: ACTOR, phrase: 'gave money to' },
  { type: 'PAID', weight: 6, from: O, to: PO, phrase: 'paid' },
  { type: 'OWNS', weight: 1, from: ACTOR, to: O, phrase: 'owns a share of' },
  { type: 'FAMILY_OF', weight: 2, from: P, to: P, phrase: 'is the {role} of' },
  { type: 'PARTICIPATED_IN', weight: 8, from: ACTOR, to: E, phrase: 'took part in' },
  { type: 'CARRIED_OUT', weight: 1, from: O, to: E, phrase: 'carried out' },
  { type: 'TARGETED', weight: 1, from: O, to: ACTOR, phrase: 'acted against' },
  { type: 'SUBJECT_OF', weight: 1, from: ACTOR, to: E, phrase: 'is the subject of' },
  { type: 'ALLIED_WITH', weight: 3, from: O, to: O, phrase: 'collaborated with' },
  { type: 'SUPPORTED', weight: 8, from: ACTOR, to: ACTOR, phrase: 'publicly supported' },
  { type: 'OPPOSED', weight: 2, from: ACTOR, to: ACTOR, phrase: 'opposed' },
  { type: 'CRITICIZED', weight: 4, from: ACTOR, to: ACTOR, phrase: 'criticized' },
  { type: 'LOBBIED_FOR', weight: 4, from: ACTOR, to: O, phrase: 'lobbied for' },
  { type: 'INFLUENCED', weight: 1, from: ANY, to: ANY, phrase: 'influenced' },
  { type: 'BASED_IN', weight: 4, from: ACTOR, to: PL, phrase: 'is based in' },
  { type: 'LOCATED_IN', weight: 1, from: E, to: PL, phrase: 'took place in' },
  { type: 'ASSOCIATED_WITH', weight: 3, from: ANY, to: ANY, phrase: 'is associated with' },
  { type: 'AUTHORED', weight: 3, from: P, to: S, phrase: 'wrote' },
  { type: 'PUBLISHED', weight: 2, from: O, to: S, phrase: 'published' },
  { type: 'CITES', weight: 2, from: S, to: S, phrase: 'cites' },
];

/** The first facts are fixed so that every status and the money types appear even in tiny datasets. */
const FORCED_TYPES: RelationType[] = ['FUNDED', 'PAID', 'PART_OF', 'MEMBER_OF', 'LEADS'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Writes text to a file in large chunks, honouring backpressure. */
class TextFile {
  private parts: string[] = [];
  private size = 0;
  private readonly stream: WriteStream;
  rows = 0;

  constructor(readonly file: string) {
    this.stream = createWriteStream(file, { encoding: 'utf8' });
  }

  async line(text: string): Promise<void> {
    this.parts.push(text, '\n');
    this.size += text.length + 1;
    this.rows++;
    if (this.size >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.size === 0) return;
    const data = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(data)) await new Promise<void>((resolve) => this.stream.once('drain', resolve));
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(resolve);
    });
  }
}

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = Array.isArray(v) ? v.join(';') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvRow(columns: readonly string[], record: Record<string, unknown>): string {
  return columns.map((c) => csvCell(record[c])).join(',');
}

function partialDate(rng: Rng, fromYear = 1985, toYear = 2025): string {
  const year = rng.int(fromYear, toYear);
  const p = rng.next();
  if (p < 0.3) return String(year);
  const month = rng.int(1, 12);
  if (p < 0.6) return `${year}-${pad(month, 2)}`;
  const day = rng.int(1, 28);
  return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
}

function acronym(name: string): string {
  return name
    .split(/\s+/)
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0])
    .join('');
}

function kindCounts(total: number): Map<EntityKind, number> {
  const counts = new Map<EntityKind, number>();
  let assigned = 0;
  for (const [kind, share] of KIND_SHARES) {
    const n = Math.max(1, Math.floor(total * share));
    counts.set(kind, n);
    assigned += n;
  }
  // Rounding goes to people (or comes from them).
  counts.set('person', Math.max(1, counts.get('person')! + total - assigned));
  return counts;
}

function money(amount: number, currency: string): string {
  const symbol = currency === 'USD' ? '$' : currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : `${currency} `;
  return `${symbol}${amount.toLocaleString('en-US')}`;
}

export async function generateDataset(opts: GenerateOptions): Promise<GenerateManifest> {
  const { entities: N, claims: M, seed } = opts;
  if (!Number.isInteger(N) || N < 20) throw new RangeError('entities: an integer of at least 20');
  if (!Number.isInteger(M) || M < 10) throw new RangeError('claims: an integer of at least 10');
  const name = opts.name ?? `synthetic-n${N}-m${M}-s${seed}`;
  const rng = new Rng(seed);

  await mkdir(opts.out, { recursive: true });
  if (opts.csvOut) await mkdir(opts.csvOut, { recursive: true });
  await writeFile(
    path.join(opts.out, 'dataset.yaml'),
    `name: ${name}\ntitle: Synthetic influence network (${N} entities, ${M} claims, seed ${seed})\n` +
      `description: Generated by "npm run generate"; invented names, no real person or organization.\nlicense: CC0-1.0\n`,
  );

  // ---- nodes ---------------------------------------------------------------
  const counts = kindCounts(N);
  const kinds = [...counts.keys()];
  const start = new Map<EntityKind, number>();
  let offset = 0;
  for (const k of kinds) {
    start.set(k, offset);
    offset += counts.get(k)!;
  }
  const total = offset;
  const ids: string[] = new Array<string>(total);
  const names: string[] = new Array<string>(total);
  const degree = new Uint32Array(total);
  const hubs = Math.max(2, Math.min(12, Math.round(counts.get('organization')! / 2000)));
  const orgCount = counts.get('organization')!;
  const samplers = new Map<EntityKind, ZipfSampler>();
  for (const k of kinds) {
    const boost = k === 'organization' ? Array.from({ length: Math.min(hubs, orgCount) }, () => 2) : [];
    samplers.set(k, new ZipfSampler(counts.get(k)!, KIND_EXPONENT[k], boost));
  }
  const hubSampler = new ZipfSampler(Math.min(hubs, orgCount), 0.8);
  const frontSampler = orgCount > hubs ? new ZipfSampler(orgCount - hubs, 0.2) : undefined;

  const entityFile = new TextFile(path.join(opts.out, '01-entities.jsonl'));
  const sourceFile = new TextFile(path.join(opts.out, '02-sources.jsonl'));
  const claimFile = new TextFile(path.join(opts.out, '03-claims.jsonl'));
  const nodeCsv = new Map<string, TextFile>();
  const claimCsv = new Map<string, TextFile>();
  const csvFor = async (map: Map<string, TextFile>, key: string, prefix: string, columns: readonly string[]) => {
    let f = map.get(key);
    if (!f && opts.csvOut) {
      f = new TextFile(path.join(opts.csvOut, `${prefix}-${key}.csv`));
      await f.line(columns.join(','));
      f.rows = 0;
      map.set(key, f);
    }
    return f;
  };

  const byKind: Record<string, number> = {};
  const usedOrgNames = new Set<string>();
  for (const kind of kinds) {
    const n = counts.get(kind)!;
    const base = start.get(kind)!;
    for (let i = 0; i < n; i++) {
      const id = `${ID_PREFIX[kind]}-${pad(i, 6)}`;
      const rec: Record<string, unknown> = { record: kind === 'source' ? 'source' : 'entity', id, kind };
      let nm: string;
      switch (kind) {
        case 'person': {
          nm = `${rng.pick(V.FIRST_NAMES)} ${String.fromCharCode(65 + rng.int(0, 25))}. ${rng.pick(V.LAST_NAMES)}`;
          rec.name = nm;
          if (rng.chance(0.15)) rec.aliases = [nm.replace(/ [A-Z]\. /, ' ')];
          rec.description = `A person in the synthetic network (${rng.pick(V.JOB_ROLES)}).`;
          if (rng.chance(0.4)) rec.born = String(rng.int(1935, 1995));
          if (rng.chance(0.5)) rec.nationality = rng.pick(V.COUNTRIES);
          if (rng.chance(0.01)) rec.anonymous = true;
          break;
        }
        case 'organization': {
          const hub = i < hubs;
          do {
            nm = rng.chance(0.5)
              ? `${rng.pick(V.ORG_QUALIFIERS)} ${rng.pick(V.ORG_FORMS)} for ${rng.pick(V.ORG_CAUSES)}`
              : `${rng.pick(V.ORG_FORMS)} of ${rng.pick(V.ORG_QUALIFIERS)} ${rng.pick(V.ORG_CAUSES)}`;
            if (usedOrgNames.has(nm)) nm = `${nm} ${rng.pick(V.CITIES)}`;
            if (usedOrgNames.has(nm)) nm = `${nm} ${i}`;
          } while (usedOrgNames.has(nm));
          usedOrgNames.add(nm);
          rec.name = nm;
          if (rng.chance(0.6) || hub) rec.aliases = [acronym(nm)];
          rec.description = hub ? 'A hub organization with many front groups (synthetic).' : 'An organization in the synthetic network.';
          if (rng.chance(0.5)) rec.founded = partialDate(rng, 1960, 2020);
          if (rng.chance(0.6)) rec.country = rng.pick(V.COUNTRIES);
          rec.orgType = hub ? rng.pick(V.HUB_ORG_TYPES) : rng.pick(V.ORG_TYPES);
          if (hub) rec.count = rng.int(20, 120);
          break;
        }
        case 'event': {
          const year = rng.int(1985, 2025);
          nm = `${year} ${rng.pick(V.CITIES)} ${rng.pick(V.EVENT_FORMS)}`;
          rec.name = nm;
          rec.description = 'An event in the synthetic network.';
          if (rng.chance(0.7)) rec.date = `${year}-${pad(rng.int(1, 12), 2)}`;
          else {
            rec.start = String(year);
            rec.end = String(year + rng.int(0, 2));
          }
          break;
        }
        case 'place': {
          nm = `${rng.pick(V.CITIES)} ${rng.chance(0.5) ? rng.pick(['Camp', 'House', 'Center', 'Plaza', 'Hall']) : 'District'} ${i}`;
          rec.name = nm;
          rec.description = 'A place in the synthetic network.';
          rec.country = rng.pick(V.COUNTRIES);
          rec.placeType = rng.pick(V.PLACE_TYPES);
          break;
        }
        case 'concept': {
          nm = `${rng.pick(V.CONCEPT_WORDS)} ${i}`;
          rec.name = nm;
          rec.description = 'A concept in the synthetic network.';
          rec.category = rng.pick(V.CONCEPT_CATEGORIES);
          break;
        }
        case 'source': {
          const year = rng.int(1990, 2025);
          nm = `${rng.pick(V.TITLE_TOPICS)}: ${rng.pick(V.ORG_CAUSES)} and ${rng.pick(V.ORG_CAUSES)} (${year}, no. ${i})`;
          rec.name = nm;
          rec.description = '';
          rec.sourceKind = rng.pick(SOURCE_KINDS);
          rec.authors = Array.from({ length: rng.int(1, 3) }, () => `${rng.pick(V.FIRST_NAMES)} ${rng.pick(V.LAST_NAMES)}`);
          rec.publisher = rng.pick(V.PUBLISHERS);
          rec.date = rng.chance(0.5) ? `${year}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}` : String(year);
          if (rng.chance(0.7)) {
            rec.url = `https://example.org/sources/${id}`;
            rec.accessed = `2026-${pad(rng.int(1, 2), 2)}-${pad(rng.int(1, 28), 2)}`;
          }
          break;
        }
      }
      if (rng.chance(0.02)) rec.note = 'Synthetic record; see the generator for how it was made.';
      ids[base + i] = id;
      names[base + i] = nm;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      await (kind === 'source' ? sourceFile : entityFile).line(JSON.stringify(rec));
      const csv = await csvFor(nodeCsv, KIND_LABELS[kind], 'nodes', NODE_CSV_COLUMNS);
      await csv?.line(csvRow(NODE_CSV_COLUMNS, rec));
    }
  }
  await entityFile.close();
  await sourceFile.close();

  // ---- claims --------------------------------------------------------------
  const sample = (kw: KindWeights): number => {
    const idx = kw.length === 1 ? 0 : rng.weighted(kw.map(([, w]) => w));
    const kind = kw[idx]![0];
    return start.get(kind)! + samplers.get(kind)!.sample(rng);
  };
  const orgStart = start.get('organization')!;
  const srcStart = start.get('source')!;
  const srcSampler = samplers.get('source')!;
  const specWeights = SPECS.map((s) => s.weight);
  const statusWeights = CLAIM_STATUSES.map((s) => STATUS_WEIGHTS[s]);
  const byType: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  let written = 0;
  let fact = 0;

  while (written < M) {
    const forced = FORCED_TYPES[fact];
    const spec = forced ? SPECS.find((s) => s.type === forced)! : SPECS[rng.weighted(specWeights)]!;
    let a: number;
    let b: number;
    let tries = 0;
    do {
      if (spec.toHubs && frontSampler) {
        a = orgStart + hubs + frontSampler.sample(rng);
        b = orgStart + hubSampler.sample(rng);
      } else {
        a = sample(spec.from);
        b = sample(spec.to);
      }
    } while (a === b && ++tries < 20);
    if (a === b) continue;
    fact++;

    // The fact: what every source of it says alike.
    const base: Record<string, unknown> = {};
    let role: string | undefined;
    switch (spec.type) {
      case 'MEMBER_OF':
        role = rng.pick(V.MEMBER_ROLES);
        if (rng.chance(0.5)) base.start = partialDate(rng, 1980, 2015);
        break;
      case 'LEADS':
        role = rng.pick(V.LEAD_ROLES);
        base.start = partialDate(rng, 1980, 2010);
        if (rng.chance(0.6)) base.end = String(rng.int(2011, 2025));
        break;
      case 'EMPLOYED_BY':
        role = rng.pick(V.JOB_ROLES);
        if (rng.chance(0.6)) base.start = partialDate(rng, 1990, 2020);
        break;
      case 'PART_OF':
        role = rng.pick(V.PART_ROLES);
        break;
      case 'FAMILY_OF':
        role = rng.pick(V.FAMILY_ROLES);
        break;
      case 'PARTICIPATED_IN':
        if (rng.chance(0.3)) role = rng.pick(['speaker', 'organizer', 'attendee', 'sponsor']);
        break;
      case 'AUTHORED':
        role = rng.chance(0.9) ? 'author' : 'translator';
        break;
      case 'FUNDED':
      case 'PAID':
        if (rng.chance(0.85) || fact <= 2) {
          // Amounts are heavy-tailed too: many small ones, a few very large.
          base.amount = Math.round(Math.pow(10, 2 + rng.next() * 5) / 100) * 100;
          base.currency = rng.pick(V.CURRENCIES);
        }
        base.purpose = rng.pick(V.PURPOSES);
        base.date = partialDate(rng, 2000, 2025);
        break;
      case 'FOUNDED':
        base.date = partialDate(rng, 1960, 2020);
        break;
      default:
        if (rng.chance(0.35)) base.date = partialDate(rng);
    }
    if (role) base.role = role;

    const sources = written + 1 < M && rng.chance(0.12) ? Math.min(M - written, rng.int(2, 4)) : 1;
    let status: ClaimStatus = CLAIM_STATUSES[rng.weighted(statusWeights)]!;
    for (let k = 0; k < sources; k++) {
      if (written < CLAIM_STATUSES.length) status = CLAIM_STATUSES[written]!;
      else if (k > 0 && rng.chance(0.5)) status = CLAIM_STATUSES[rng.weighted(statusWeights)]!;
      const sourceIdx = srcStart + srcSampler.sample(rng);
      const id = `c-${pad(written, 7)}`;
      let phrase = spec.phrase.replace('{role}', role ?? 'member');
      if (base.amount !== undefined) phrase = `${spec.type === 'PAID' ? 'paid' : 'gave'} ${money(base.amount as number, base.currency as string)} to`;
      const when = base.date ? ` in ${String(base.date)}` : base.start ? ` from ${String(base.start)}` : '';
      const quote = `${STATUS_LEAD[status]} ${names[a]} ${phrase} ${names[b]}${base.purpose ? ` for ${String(base.purpose)}` : ''}${when}.`;
      const claim: Record<string, unknown> = {
        record: 'claim',
        id,
        type: spec.type,
        from: ids[a],
        to: ids[b],
        sourceId: ids[sourceIdx],
        status,
        quote,
        ...base,
      };
      if (rng.chance(0.03)) claim.claimant = ids[sample(P)];
      if (rng.chance(0.05)) claim.citedIn = ids[srcStart + srcSampler.sample(rng)];
      if (rng.chance(0.01)) claim.note = 'Synthetic claim.';
      await claimFile.line(JSON.stringify(claim));
      const csv = await csvFor(claimCsv, spec.type, 'claims', CLAIM_CSV_COLUMNS);
      if (csv) {
        const points = [claim.date, claim.start, claim.end].filter((d): d is string => typeof d === 'string');
        const row = {
          ...claim,
          dateMin: points.length ? points.map((d) => dateBounds(d).min).sort()[0] : undefined,
          dateMax: points.length ? points.map((d) => dateBounds(d).max).sort().at(-1) : undefined,
        };
        await csv.line(csvRow(CLAIM_CSV_COLUMNS, row));
      }
      degree[a]!++;
      degree[b]!++;
      byType[spec.type] = (byType[spec.type] ?? 0) + 1;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      written++;
    }
  }
  await claimFile.close();
  for (const f of [...nodeCsv.values(), ...claimCsv.values()]) await f.close();

  // ---- manifest ------------------------------------------------------------
  const sorted = Uint32Array.from(degree).sort();
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  const topCount = Math.max(1, Math.floor(total / 100));
  let topSum = 0;
  for (let i = sorted.length - topCount; i < sorted.length; i++) topSum += sorted[i]!;
  const personStart = start.get('person')!;
  const personCount = counts.get('person')!;
  const personDegrees = Uint32Array.from(degree.subarray(personStart, personStart + personCount)).sort();
  const medianPerson = personDegrees[Math.floor(personDegrees.length / 2)]!;
  const typical: { id: string; name: string; degree: number }[] = [];
  // Typical people spread over the id range, at the median degree.
  for (let step = 0; step < personCount && typical.length < 6; step++) {
    const i = personStart + ((step * 7919 + Math.floor(personCount / 2)) % personCount);
    if (degree[i] === medianPerson) typical.push({ id: ids[i]!, name: names[i]!, degree: degree[i]! });
  }
  if (typical.length === 0) typical.push({ id: ids[personStart]!, name: names[personStart]!, degree: degree[personStart]! });

  const manifest: GenerateManifest = {
    generator: 'claimgraph-generate/1',
    name,
    seed,
    entities: total - counts.get('source')!,
    sources: counts.get('source')!,
    claims: written,
    byKind,
    byType,
    byStatus,
    hubs: Array.from({ length: Math.min(hubs, orgCount) }, (_, i) => ({ id: ids[orgStart + i]!, name: names[orgStart + i]!, degree: degree[orgStart + i]! })),
    typical: typical[0]!,
    typicalOthers: typical.slice(1),
    degree: { max: sorted[sorted.length - 1]!, median: q(0.5), p90: q(0.9), p99: q(0.99), top1PercentShare: topSum / (2 * written) },
    searchTerms: ['haddad', 'freedom council', 'karimi', 'democracy', 'summit'],
    ...(opts.csvOut
      ? {
          csv: {
            nodes: Object.fromEntries([...nodeCsv].map(([k, f]) => [k, { file: path.basename(f.file), rows: f.rows }])),
            claims: Object.fromEntries([...claimCsv].map(([k, f]) => [k, { file: path.basename(f.file), rows: f.rows }])),
          },
        }
      : {}),
  };
  await writeFile(path.join(opts.out, '.generated.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
