/**
 * Publishing, the pure part: the data the offline page shows (what is drawn
 * now, its claims and their sources, the notes about it, the story), the
 * page itself (the viewer's script and styles inlined, the data as JSON that
 * no `</script>` in it can end, a Content-Security-Policy that lets only the
 * viewer's own script run and nothing reach the network), and the story as a
 * Markdown report. No DOM (unit-tested in Node).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { GraphEdge, SchemaInfo, SourceRef } from '../../api/types.ts';
import type { Visibility } from '../../filters/types.ts';
import type { GraphStore } from '../../graph/index.ts';
import { typeLabel } from '../../graph/format.ts';
import { claimFacts, citationParts } from '../../panel/format.ts';
import type { Claim } from '../../api/types.ts';
import type { Note, StoryStep } from '../types.ts';
import { PUBLISHED_FORMAT, type PublishedData, type PublishedStep, type ViewerAssets } from './types.ts';

export type * from './types.ts';
export { PUBLISHED_FORMAT };

export interface PublishInput {
  title: string;
  now: Date;
  store: GraphStore;
  visibility: Visibility;
  sizes: ReadonlyMap<string, number>;
  schema: SchemaInfo | null;
  statusOrder: readonly string[];
  notes: readonly Note[];
  story: readonly StoryStep[];
  /** The sources the claims cite, as the server has them (POST /api/claims/current); missing ones are cited by id. */
  sources: readonly SourceRef[];
}

/** What the page shows: the entities and edges drawn now (with the claims the filters let through), their sources, notes and story. */
export function publishedData(p: PublishInput): PublishedData {
  const g = p.store.graph;
  const nodes = [...p.visibility.nodes].filter((id) => g.hasNode(id)).map((id) => {
    const a = g.getNodeAttributes(id);
    return { id, name: a.label, kind: a.kind, x: a.x, y: a.y, size: p.sizes.get(id) ?? a.size };
  });
  const drawn = new Set(nodes.map((n) => n.id));
  const edges: PublishedData['edges'] = [];
  const claims = new Map<string, GraphEdge>();
  for (const [id, list] of p.visibility.edges) {
    if (!g.hasEdge(id)) continue;
    const source = g.source(id);
    const target = g.target(id);
    if (!drawn.has(source) || !drawn.has(target)) continue;
    edges.push({ id, source, target, type: g.getEdgeAttribute(id, 'type'), claims: list.map((c) => c.id) });
    for (const c of list) claims.set(c.id, c);
  }
  const edgeIds = new Set(edges.map((e) => e.id));
  const cited = new Set([...claims.values()].map((c) => c.sourceId).filter((s): s is string => !!s));
  const usedDatasets = new Set<string>();
  for (const c of claims.values()) for (const d of (c.properties.datasets as string[] | undefined) ?? []) usedDatasets.add(d);
  for (const id of drawn) for (const d of (g.getNodeAttribute(id, 'entity').properties.datasets as string[] | undefined) ?? []) usedDatasets.add(d);
  const story: PublishedStep[] = p.story.map((s) => {
    const sEdges = s.edges.filter((e) => edgeIds.has(e));
    const sNodes = new Set(s.nodes.filter((n) => drawn.has(n)));
    for (const e of edges) if (sEdges.includes(e.id)) sNodes.add(e.source).add(e.target);
    return { title: s.title, text: s.text, nodes: [...sNodes], edges: sEdges, camera: s.camera };
  });
  const meaning = new Map(p.schema?.statuses.map((s) => [s.status, s.meaning]) ?? []);
  return {
    format: PUBLISHED_FORMAT,
    version: 1,
    title: p.title,
    publishedAt: p.now.toISOString(),
    datasets: [...usedDatasets].sort().map((name) => ({ name, title: p.schema?.datasets.find((d) => d.name === name)?.title ?? null })),
    nodes,
    edges,
    claims: [...claims.values()],
    sources: p.sources.filter((s) => cited.has(s.id)),
    notes: p.notes.filter((n) => n.target.type === 'canvas' || (n.target.type === 'entity' ? drawn.has(n.target.id) : edgeIds.has(n.target.id))),
    story,
    statuses: p.statusOrder.map((s) => ({ status: s, meaning: meaning.get(s) ?? '' })),
    kinds: [...new Set(nodes.map((n) => n.kind))].sort().map((kind) => ({ kind, label: p.schema?.kinds.find((k) => k.kind === kind)?.label ?? kind })),
  };
}

/** JSON that can sit inside `<script type="application/json">`: every `<` escaped, so no `</script>` or `<!--` in the data ends or bends it. */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Script text that cannot end its `<script>` element early (`</script` and `<!--` only occur in string literals of a built bundle). */
export function inlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** The CSP source of an inline script: its SHA-256, base64. */
export function scriptHash(js: string): string {
  const bytes = sha256(utf8ToBytes(js));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `'sha256-${btoa(bin)}'`;
}

/**
 * The published page: one HTML file that opens from file:// with no server
 * and no network. Only the viewer's script runs (its hash in the CSP); the
 * data is inert JSON; nothing may be fetched (default-src 'none'), images only
 * from data: and blob: URLs.
 */
export function publishHtml(data: PublishedData, viewer: ViewerAssets): string {
  const js = inlineScript(viewer.js);
  const csp = [
    "default-src 'none'",
    `script-src ${scriptHash(js)}`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const css = viewer.css.replace(/<\/(style)/gi, '<\\/$1');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Built from constants and a base64 hash: nothing to escape.
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="claimgraph">`,
    `<title>${escapeHtml(data.title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    '<noscript><p style="padding:16px">This page draws its network with JavaScript; turn it on to see the story and its citations.</p></noscript>',
    '<div id="viewer"></div>',
    `<script type="application/json" id="claimgraph-data">${scriptJson(data)}</script>`,
    `<script>${js}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ---- the Markdown report --------------------------------------------------------------

/**
 * Text for Markdown: HTML and Markdown syntax characters escaped (renderers
 * pass raw HTML through, so data stays text there too), line starts that
 * would make a heading, list or quote escaped.
 */
export function markdownText(s: string): string {
  return s
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+\->=]|\d+[.)])/gm, (_m, sp: string, mark: string) => `${sp}\\${mark}`);
}

export interface ReportStep {
  title: string;
  text: string;
  /** The image's path in the report's folder (images/step-01.png). */
  image: string | null;
  claims: GraphEdge[];
}

/** A claim as a citation line: who → what → whom, status (and verification), quote, source. */
function citationLine(c: GraphEdge, names: ReadonlyMap<string, string>, sources: ReadonlyMap<string, SourceRef>): string {
  const name = (id: string) => markdownText(names.get(id) ?? id);
  const facts = claimFacts({ properties: c.properties } as Claim);
  const v = typeof c.properties.verification === 'string' ? ` · quote ${markdownText(c.properties.verification.replace(/-/g, ' '))}` : '';
  const s = c.sourceId ? sources.get(c.sourceId) : undefined;
  const src = s
    ? `${markdownText(s.title)}${citationParts(s).length ? ` (${markdownText(citationParts(s).join(', '))})` : ''}${s.url ? ` <${s.url.replace(/[<>\s]/g, encodeURIComponent)}>` : ''}`
    : c.sourceId
      ? `source ${markdownText(c.sourceId)}`
      : 'no source recorded';
  return [
    `**${name(c.source)} → ${markdownText(typeLabel(c.type))} → ${name(c.target)}** — *${markdownText(c.status ?? 'no status')}*${v}${facts.length ? ` · ${markdownText(facts.join(' · '))}` : ''}`,
    c.quote ? `  > “${markdownText(c.quote)}”` : null,
    `  Source: ${src}`,
  ]
    .filter((l) => l !== null)
    .join('\n');
}

/** The story as Markdown: a heading, the datasets and date, then each step's title, text, image and the claims behind it. */
export function reportMarkdown(data: Pick<PublishedData, 'title' | 'publishedAt' | 'datasets' | 'nodes' | 'sources'>, steps: readonly ReportStep[]): string {
  const names = new Map(data.nodes.map((n) => [n.id, n.name] as const));
  const sources = new Map(data.sources.map((s) => [s.id, s] as const));
  const ds = data.datasets.map((d) => (d.title ? `${markdownText(d.title)} (${markdownText(d.name)})` : markdownText(d.name))).join(', ');
  const out = [`# ${markdownText(data.title)}`, '', `Published ${data.publishedAt.slice(0, 10)} with claimgraph. Data: ${ds || 'none'}.`, ''];
  steps.forEach((s, i) => {
    out.push(`## ${i + 1}. ${markdownText(s.title || `Step ${i + 1}`)}`, '');
    if (s.text.trim()) out.push(markdownText(s.text.trim()), '');
    if (s.image) out.push(`![Step ${i + 1}](${s.image})`, '');
    if (s.claims.length) {
      out.push(`**Claims behind this step (${s.claims.length})**`, '');
      s.claims.forEach((c, j) => out.push(`${j + 1}. ${citationLine(c, names, sources)}`));
      out.push('');
    }
  });
  return out.join('\n').trimEnd() + '\n';
}

/** A file name from a title: lower case words joined by dashes. */
export function fileSlug(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'investigation'
  );
}
