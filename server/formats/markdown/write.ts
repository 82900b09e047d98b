/**
 * A Markdown citation list of every source behind the exported claims: title,
 * authors, publisher, date, URL, kind and id of each, and under it every claim
 * it supports (type, from -> to, status, claim id, quote; a paraphrase is
 * marked "(paraphrase)" and followed by the verbatim passage it stands for;
 * where the quote was checked against the source's document, the outcome).
 *
 * Sources are sorted like a bibliography: by first author (or publisher, or
 * title), then date, then title. Claims under a source are sorted by type,
 * then the names of their endpoints. Claims whose source is not in the
 * database, and claims without a source, come last under their own headings.
 *
 * Everything from the data is plain text: Markdown and HTML characters are
 * backslash-escaped, line breaks folded into spaces, so nothing in a title or
 * quote can become a link, an image, markup or a heading.
 */
import type { Json } from '../../neo4j/values.ts';
import type { CitedClaim, ExportMeta, ExportNode, Subgraph } from '../graph.ts';
import { StreamSink } from '../sink.ts';

/** Data as inline Markdown text. */
export function md(value: Json | undefined): string {
  if (value === undefined || value === null) return '';
  const s = (Array.isArray(value) ? value.map((v) => (v === null ? '' : String(v))).join(', ') : String(value)).replace(/\s+/g, ' ').trim();
  return s
    .replace(/[\\`*_[\]<>|~&]/g, '\\$&')
    .replace(/^([#+=>-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

function code(s: string): string {
  return s.includes('`') ? md(s) : `\`${s}\``;
}

function url(v: Json | undefined): string {
  if (typeof v !== 'string') return '';
  return /^https?:\/\/[^\s<>]+$/.test(v) ? `<${v}>` : md(v);
}

function list(v: Json | undefined): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  return typeof v === 'string' && v.trim() !== '' ? [v] : [];
}

function sortKey(s: ExportNode): [string, string, string, string] {
  const p = s.properties;
  const lead = list(p.authors)[0] ?? (typeof p.publisher === 'string' ? p.publisher : '') ?? '';
  return [(lead || s.name).toLowerCase(), typeof p.date === 'string' ? p.date : '', s.name.toLowerCase(), s.id];
}

function compareSources(a: ExportNode, b: ExportNode): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  for (let i = 0; i < ka.length; i++) {
    const c = ka[i]!.localeCompare(kb[i]!);
    if (c !== 0) return c;
  }
  return 0;
}

function sourceBlock(n: number, s: ExportNode): string {
  const p = s.properties;
  const lines = [`## ${n}. ${md(s.name)}`, ''];
  const field = (label: string, text: string) => {
    if (text) lines.push(`- **${label}:** ${text}`);
  };
  field('Authors', md(list(p.authors)));
  field('Publisher', md(p.publisher));
  field('Date', md(p.date));
  field('URL', url(p.url));
  field('Kind', md(p.sourceKind));
  field('Accessed', md(p.accessed));
  field('Citation', md(p.citation));
  field('Source id', code(s.id));
  lines.push('', 'Claims it supports:', '');
  return lines.join('\n') + '\n';
}

const CHECKS: Record<string, (score: string) => string> = {
  verified: () => 'quote verified: found word for word in the source’s document',
  approximate: (score) => `quote found approximately in the source’s document${score ? ` (similarity ${score})` : ''}`,
  'paraphrase-anchored': () => 'paraphrase; the passage it paraphrases was found in the source’s document',
  'not-found': () => 'quote NOT found in the source’s document',
  'no-document': () => 'quote not checked: the source’s document was not available',
};

/** The quote (marked when it is a paraphrase), the verbatim passage a paraphrase stands for, and what checking it found. */
export function evidenceLines(c: CitedClaim): string {
  let s = '';
  if (c.quote) s += `  > ${c.paraphrase ? '*(paraphrase)* ' : ''}${md(c.quote)}\n`;
  if (c.paraphrase && c.anchor) s += `  - Paraphrase of: “${md(c.anchor)}”\n`;
  if (c.verification) {
    const score = c.verificationScore === null ? '' : c.verificationScore.toFixed(2);
    s += `  - ${CHECKS[c.verification]?.(score) ?? `quote check: ${md(c.verification)}`}\n`;
  }
  return s;
}

function describeSelection(meta: ExportMeta): string {
  const s = meta.selection;
  switch (s.type) {
    case 'all':
      return 'the whole graph';
    case 'cypher':
      return 'the results of a Cypher query';
    case 'ids':
      return `${s.ids.length} selected ${s.ids.length === 1 ? 'entity' : 'entities'}${s.depth ? ` and everything within ${s.depth} ${s.depth === 1 ? 'hop' : 'hops'}` : ''}`;
    case 'neighborhood':
      return `the neighborhood of ${code(s.id)} (depth ${s.depth})`;
  }
}

export async function writeMarkdown(sub: Subgraph, out: NodeJS.WritableStream, meta: ExportMeta): Promise<void> {
  const sources: ExportNode[] = [];
  for await (const batch of sub.sources()) sources.push(...batch);
  sources.sort(compareSources);
  const rank = new Map(sources.map((s, i) => [s.id, i]));
  const byId = new Map(sources.map((s) => [s.id, s]));

  const sink = new StreamSink(out);
  await sink.write(
    '# Sources behind the exported claims\n\n' +
      `Exported from claimgraph on ${meta.exportedAt.slice(0, 10)}: ${describeSelection(meta)}${sub.truncated ? ' (cut short by a limit)' : ''}. ` +
      `${sources.length} ${sources.length === 1 ? 'source' : 'sources'}, each followed by the claims it supports.\n\n`,
  );
  let current: string | null | undefined;
  let claims = 0;
  let missingHeading = false;
  for await (const batch of sub.citedClaims(rank)) {
    for (const c of batch) {
      if (c.sourceId !== current || claims === 0) {
        current = c.sourceId;
        const s = c.sourceId === null ? undefined : byId.get(c.sourceId);
        if (s) await sink.write(`${claims ? '\n' : ''}${sourceBlock(rank.get(s.id)! + 1, s)}`);
        else if (c.sourceId === null) await sink.write(`${claims ? '\n' : ''}## Claims without a source\n\n`);
        else {
          if (!missingHeading) {
            await sink.write(`${claims ? '\n' : ''}## Claims whose source is not in the database\n\n`);
            missingHeading = true;
          }
          await sink.write(`Source id ${code(c.sourceId)}:\n\n`);
        }
      }
      claims++;
      const status = c.status ? md(c.status) : 'no status';
      await sink.write(`- **${md(c.type)}**: ${md(c.sourceName)} → ${md(c.targetName)} (${status}; claim ${code(c.id)})\n`);
      await sink.write(evidenceLines(c));
    }
  }
  if (claims === 0) await sink.write('The selection holds no claims.\n');
  else await sink.write(`\n---\n\n${claims} ${claims === 1 ? 'claim' : 'claims'} from ${sources.length} ${sources.length === 1 ? 'source' : 'sources'}.\n`);
  await sink.flush();
}
