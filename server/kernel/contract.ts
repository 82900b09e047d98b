/**
 * Every request and response shape of the API, as zod schemas: inputs are
 * validated with them, responses are typed by them, and the OpenAPI document
 * (/api/openapi.json) is generated from them (server/api/openapi.ts).
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CLAIM_STATUSES } from '../model/statuses.ts';
import { ENTITY_KINDS } from '../model/kinds.ts';
import { RELATION_TYPES } from '../model/vocabulary.ts';
import { PartialDate } from '../model/dataset.ts';
import { OUTCOME_MEANINGS, type VerificationOutcome } from '../model/verification.ts';
import { EXPORT_FORMAT_IDS, RAW_FORMATS, VIEW_FORMATS } from '../model/formats.ts';

extendZodWithOpenApi(z);

/** The export formats (server/formats/ registers each; server/model/formats.ts lists their ids). */
export const EXPORT_FORMATS = EXPORT_FORMAT_IDS;
export type { ExportFormat } from '../model/formats.ts';

const JsonValue: z.ZodType<unknown> = z.unknown().openapi({ description: 'Any JSON value' });

/** Comma-separated list in a query string, each item checked against `values`. */
function csvList<T extends string>(values: readonly [T, ...T[]], what: string) {
  return z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return undefined;
      const items = s.split(',').map((x) => x.trim()).filter(Boolean);
      const bad = items.filter((x) => !(values as readonly string[]).includes(x));
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `unknown ${what} ${bad.map((b) => `"${b}"`).join(', ')}; expected any of ${values.join(', ')}` });
        return z.NEVER;
      }
      return items as T[];
    })
    .openapi({ type: 'string', description: `Comma-separated ${what}s: ${values.join(', ')}` });
}

// ---- graph data: one shape everywhere -------------------------------------

export const GraphNode = z
  .object({
    id: z.string(),
    kind: z.string(),
    labels: z.array(z.string()),
    name: z.string(),
    properties: z.record(z.string(), JsonValue),
  })
  .openapi('GraphNode');

export const GraphEdge = z
  .object({
    id: z.string().openapi({ description: 'The claim id' }),
    type: z.string(),
    source: z.string().openapi({ description: 'id of the node the claim starts at' }),
    target: z.string(),
    status: z.string().nullable(),
    sourceId: z.string().nullable().openapi({ description: 'id of the :Source making the claim' }),
    quote: z.string().nullable(),
    properties: z.record(z.string(), JsonValue),
  })
  .openapi('GraphEdge');

export const Graph = z.object({ nodes: z.array(GraphNode), edges: z.array(GraphEdge) }).openapi('Graph');

export const SourceRef = z
  .object({
    id: z.string(),
    title: z.string(),
    authors: z.array(z.string()),
    publisher: z.string().nullable(),
    date: z.string().nullable(),
    url: z.string().nullable(),
    kind: z.string().nullable(),
  })
  .openapi('SourceRef');

/** A property that datasets sharing a record disagree on (issue 16: datasets are layers). */
export const Conflict = z
  .object({
    property: z.string(),
    values: z.array(z.object({ dataset: z.string(), value: JsonValue })).openapi({ description: 'Each dataset that sets it, in layer order (the first is the value shown)' }),
  })
  .openapi('Conflict');

export const Claim = z
  .object({
    id: z.string(),
    type: z.string(),
    direction: z.enum(['out', 'in']).openapi({ description: 'out: the entity is the claim’s subject (from)' }),
    from: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
    to: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
    status: z.string(),
    quote: z.string(),
    source: SourceRef.nullable(),
    properties: z.record(z.string(), JsonValue),
    conflicts: z.array(Conflict).optional().openapi({ description: 'Where datasets sharing this claim disagree (entity detail only)' }),
  })
  .openapi('Claim');

// ---- endpoints ------------------------------------------------------------

export const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    neo4j: z.object({ connected: z.boolean(), version: z.string().optional(), edition: z.string().optional() }),
  })
  .openapi('Health');

const outcomeCount = (o: VerificationOutcome) => z.number().int().nonnegative().openapi({ description: OUTCOME_MEANINGS[o] });

/** A dataset's claims by what checking their quotes against the sources' documents found (server/provenance). */
export const VerificationCounts = z
  .object({
    verified: outcomeCount('verified'),
    approximate: outcomeCount('approximate'),
    'paraphrase-anchored': outcomeCount('paraphrase-anchored'),
    'not-found': outcomeCount('not-found'),
    'no-document': outcomeCount('no-document'),
  } satisfies Record<VerificationOutcome, z.ZodType>)
  .openapi('VerificationCounts', { description: "Claims by verification outcome; claims imported before verification existed count as 'no-document'." });

export const SchemaInfo = z
  .object({
    labels: z.array(z.object({ label: z.string(), count: z.number() })),
    relationshipTypes: z.array(z.object({ type: z.string(), count: z.number(), meaning: z.string().nullable() })),
    propertyKeys: z.array(z.string()),
    statuses: z.array(z.object({ status: z.string(), rank: z.number(), meaning: z.string() })),
    vocabulary: z.array(z.object({ type: z.string(), meaning: z.string(), financial: z.boolean() })),
    kinds: z.array(z.object({ kind: z.string(), label: z.string(), meaning: z.string(), count: z.number() })),
    datasets: z.array(
      z.object({
        name: z.string(),
        title: z.string().nullable(),
        nodes: z.number(),
        claims: z.number(),
        verification: VerificationCounts,
      }),
    ),
  })
  .openapi('SchemaInfo');

export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'q: give a search text').max(200),
  kinds: csvList(ENTITY_KINDS, 'kind'),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
export const SearchMatch = z
  .object({
    field: z.enum(['name', 'alias', 'description']).openapi({ description: 'Where the text matched: the name, an alias, or (only) the description' }),
    how: z.enum(['exact', 'words', 'phrase', 'all-words', 'fuzzy']).openapi({
      description: 'exact: the whole name or alias; words: the same words but for stop words; phrase: the text inside it; all-words: each word in it; fuzzy: a close spelling',
    }),
    text: z.string().openapi({ description: 'The name, the alias that matched, or an excerpt of the description around the match' }),
  })
  .openapi('SearchMatch');
export const SearchHit = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    score: z.number().openapi({ description: "Lucene's score (hits are ranked by `match` first: an exact name, then an exact alias, ...)" }),
    matched: z.string().nullable().openapi({ description: 'The alias (or name) that matched; null when only the description did' }),
    match: SearchMatch,
  })
  .openapi('SearchHit');
export const SearchResult = z.object({ query: z.string(), hits: z.array(SearchHit) }).openapi('SearchResult');

export const IdParam = z.object({ id: z.string().min(1).max(300) });

export const EntityDetail = z
  .object({
    entity: GraphNode,
    claims: z.array(z.object({ type: z.string(), meaning: z.string().nullable(), claims: z.array(Claim) })),
    claimCount: z.number(),
    layers: z
      .array(z.object({ dataset: z.string(), properties: z.record(z.string(), JsonValue) }))
      .openapi({ description: "Each dataset's own values, in layer order (the first import first), when several datasets share the entity; empty otherwise" }),
    conflicts: z.array(Conflict).openapi({ description: 'Properties those datasets set to different values' }),
  })
  .openapi('EntityDetail');

// ---- provenance as users see it: a quote in context, a source and its document ----

export const NEIGHBORHOOD_EDGE_LIMIT_DEFAULT = 2000;
export const NEIGHBORHOOD_EDGE_LIMIT_MAX = 20_000;

export const NeighborhoodQuery = z.object({
  depth: z.coerce.number().int().min(1, 'depth: 1 to 3').max(3, 'depth: 1 to 3').default(1),
  types: csvList(RELATION_TYPES, 'relationship type'),
  kinds: csvList(ENTITY_KINDS, 'kind'),
  status: csvList(CLAIM_STATUSES, 'status'),
  from: PartialDate.optional(),
  to: PartialDate.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(150),
  edgeLimit: z.coerce
    .number({ error: `edgeLimit: a whole number of claims from 1 to ${NEIGHBORHOOD_EDGE_LIMIT_MAX}` })
    .int(`edgeLimit: a whole number of claims from 1 to ${NEIGHBORHOOD_EDGE_LIMIT_MAX}`)
    .min(1, `edgeLimit: a whole number of claims from 1 to ${NEIGHBORHOOD_EDGE_LIMIT_MAX}`)
    .max(NEIGHBORHOOD_EDGE_LIMIT_MAX, `edgeLimit: at most ${NEIGHBORHOOD_EDGE_LIMIT_MAX} claims per answer`)
    .default(NEIGHBORHOOD_EDGE_LIMIT_DEFAULT)
    .openapi({
      description:
        'At most this many claims among the nodes: one per connected pair and type first (the strongest), strongest first, then the strongest others; the rest is counted in edgesLeftOut',
    }),
});
export type NeighborhoodOptions = z.output<typeof NeighborhoodQuery>;

export const LeftOut = z
  .object({
    type: z.string(),
    claims: z.number().openapi({ description: 'Claims of this type from the expanded nodes to nodes not shown (always exact)' }),
    nodes: z.number().openapi({ description: 'Distinct nodes not shown reached through them (a lower bound when `exact` is false)' }),
    amounts: z
      .array(z.object({ currency: z.string(), total: z.number() }))
      .openapi({ description: 'For money relations, their amounts summed per currency (lower bounds when `exact` is false)' }),
    exact: z.boolean().openapi({
      description:
        'false when the expanded nodes have too many claims to count distinct nodes and amounts in time (a supernode): `claims` stays exact, `nodes` and `amounts` are then lower bounds',
    }),
  })
  .openapi('LeftOut');

export const EdgesLeftOut = z
  .object({ type: z.string(), claims: z.number() })
  .openapi('EdgesLeftOut', { description: 'Claims of one type among the nodes shown that the edge cap left out' });

export const Neighborhood = z
  .object({
    center: z.string(),
    nodes: z.array(GraphNode),
    edges: z.array(GraphEdge),
    truncated: z.boolean().openapi({ description: 'true when the node cap or the edge cap cut the answer' }),
    leftOut: z.array(LeftOut).openapi({ description: 'Per relationship type, what the node cap left out' }),
    edgesLeftOut: z
      .array(EdgesLeftOut)
      .openapi({ description: 'Per relationship type, the claims among the nodes shown that the edge cap (edgeLimit) left out; empty when none' }),
  })
  .openapi('Neighborhood');

/** The most hops a path search goes (Cypher needs a literal bound). */
export const PATHS_MAX_HOPS = 10;
const yearError = (what: string) => `${what}: a year such as 2003`;
const year = (what: string) => z.coerce.number({ error: yearError(what) }).int(yearError(what)).min(1, yearError(what)).max(9999, yearError(what)).optional();

export const PathsQuery = z.object({
  from: z.string().min(1, 'from: an entity id'),
  to: z.string().min(1, 'to: an entity id'),
  maxHops: z.coerce.number().int().min(1).max(PATHS_MAX_HOPS).default(6),
  status: z.enum(CLAIM_STATUSES).optional().openapi({ description: 'Minimum strength: only claims at least this strong' }),
  // The canvas's filters, so that no path runs through a claim or an entity the canvas hides.
  statuses: csvList(CLAIM_STATUSES, 'status').openapi({ type: 'string', description: 'Only claims of these statuses (the statuses the canvas shows); with `status`, both apply' }),
  types: csvList(RELATION_TYPES, 'relationship type').openapi({ type: 'string', description: 'Only claims of these relationship types' }),
  kinds: csvList(ENTITY_KINDS, 'kind').openapi({ type: 'string', description: 'Only through entities of these kinds (the ends may be of any kind; sources are never steps)' }),
  hiddenDatasets: z.string().max(2000).optional().transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined)).openapi({ type: 'string', description: 'Comma-separated datasets whose claims and entities are hidden (an item stays while another of its datasets is shown)' }),
  yearFrom: year('yearFrom').openapi({ description: 'Only dated claims that reach this year (with `undated`, undated claims too)' }),
  yearTo: year('yearTo').openapi({ description: 'Only dated claims from before the end of this year (with `undated`, undated claims too)' }),
  undated: z.enum(['true', 'false']).default('true').transform((v) => v === 'true').openapi({ description: 'With a year range: keep claims that have no date' }),
  direction: z.enum(['any', 'out', 'in']).default('any').openapi({ description: 'any: claims in either direction; out: every claim points from `from` towards `to`; in: every claim points from `to` towards `from`' }),
});
export type PathsOptions = z.output<typeof PathsQuery>;

/** A limit of the path search that, relaxed alone, lets a path through. */
export const PATH_LIMITS = ['strength', 'filters', 'types', 'direction', 'hops'] as const;
export const PathBlocked = z
  .object({
    by: z
      .array(z.object({ limit: z.enum(PATH_LIMITS), hops: z.number() }))
      .openapi({ description: 'Each limit that, relaxed alone, finds a path, with the hops of that path (strength: any claim status; filters: the canvas filters off; types: every type; direction: any; hops: up to 10)' }),
    relaxedHops: z.number().nullable().openapi({ description: 'With every limit relaxed, the hops of the shortest path; null when the two are not connected within 10 hops (not through sources)' }),
  })
  .openapi('PathBlocked');

export const PathsResult = z
  .object({
    paths: z.array(z.object({ nodes: z.array(z.string()), edges: z.array(z.string()) })),
    nodes: z.array(GraphNode),
    edges: z.array(GraphEdge),
    sources: z.array(SourceRef).openapi({ description: 'The sources of the claims on the paths' }),
    blocked: PathBlocked.nullable().openapi({ description: 'When no path was found: which limits stopped it' }),
  })
  .openapi('PathsResult');

export const CypherRequest = z
  .object({
    query: z.string().min(1, 'query: a Cypher statement').max(20_000),
    params: z.record(z.string(), JsonValue).optional(),
  })
  .strict()
  .openapi('CypherRequest');
export const CypherResult = z
  .object({
    columns: z.array(z.string()),
    rows: z.array(z.array(JsonValue)),
    graph: Graph,
    truncated: z.boolean(),
    summary: z.object({ resultAvailableAfterMs: z.number(), queryType: z.string(), rowCount: z.number() }),
  })
  .openapi('CypherResult');

export const Selection = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('ids'), ids: z.array(z.string()).min(1).max(50_000), depth: z.number().int().min(0).max(3).default(0) }),
    z.object({
      type: z.literal('neighborhood'),
      id: z.string(),
      depth: z.number().int().min(1).max(3).default(1),
      types: z.array(z.enum(RELATION_TYPES)).optional(),
      kinds: z.array(z.enum(ENTITY_KINDS)).optional(),
      status: z.array(z.enum(CLAIM_STATUSES)).optional(),
      from: PartialDate.optional(),
      to: PartialDate.optional(),
      limit: z.number().int().min(1).max(100_000).default(1000),
    }),
    z.object({ type: z.literal('cypher'), query: z.string().min(1).max(20_000), params: z.record(z.string(), JsonValue).optional() }),
    z.object({ type: z.literal('all') }),
  ])
  .openapi('Selection');
export type Selection = z.output<typeof Selection>;

/** Most nodes and edges an export's view may describe (the request body limit bounds it too). */
export const EXPORT_VIEW_MAX_NODES = 50_000;
export const EXPORT_VIEW_MAX_EDGES = 200_000;

const Coordinate = z.number().min(-1e9).max(1e9);
const ViewColor = z
  .string()
  .regex(
    /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$|^rgba?\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*(?:,\s*(?:0|1|0?\.\d+)\s*)?\)$/,
    'a colour as #rgb, #rrggbb, #rrggbbaa, rgb(r, g, b) or rgba(r, g, b, a)',
  );
const ViewSize = z.number().positive().max(10_000);

export const ExportView = z
  .object({
    nodes: z
      .record(z.string().min(1).max(300), z.object({ x: Coordinate, y: Coordinate, size: ViewSize.optional(), color: ViewColor.optional() }).strict())
      .refine((m) => Object.keys(m).length <= EXPORT_VIEW_MAX_NODES, `view.nodes: at most ${EXPORT_VIEW_MAX_NODES} nodes`)
      .openapi({ description: 'Node id -> where the canvas draws it (x, y), its size and colour' }),
    edges: z
      .record(z.string().min(1).max(300), z.object({ size: ViewSize.optional(), color: ViewColor.optional() }).strict())
      .refine((m) => Object.keys(m).length <= EXPORT_VIEW_MAX_EDGES, `view.edges: at most ${EXPORT_VIEW_MAX_EDGES} edges`)
      .optional()
      .openapi({ description: 'Claim id -> the thickness and colour its edge is drawn with' }),
  })
  .strict()
  .openapi('ExportView', {
    description:
      'The picture as drawn, for the formats that carry one: GEXF writes viz:position, viz:size and viz:color (viz:thickness for edges), GraphML x, y, size and color keys. Nodes and edges the view does not name are written without.',
  });
export type ExportView = z.output<typeof ExportView>;

export const ExportRequest = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    selection: Selection,
    filename: z.string().regex(/^[\w.-]{1,80}$/).optional(),
    raw: z
      .boolean()
      .optional()
      .openapi({
        description:
          'csv only: write every cell as it is. By default a text cell that starts with =, +, -, @, a tab or a carriage return gets a leading apostrophe, so a spreadsheet shows it instead of running it (OWASP CSV injection)',
      }),
    view: ExportView.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.raw && !RAW_FORMATS.includes(r.format)) ctx.addIssue({ code: 'custom', path: ['raw'], message: `raw: only for ${RAW_FORMATS.join(', ')}` });
    if (r.view && !VIEW_FORMATS.includes(r.format)) ctx.addIssue({ code: 'custom', path: ['view'], message: `view: only for ${VIEW_FORMATS.join(' and ')}` });
  })
  .openapi('ExportRequest');

export const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), retriable: z.boolean(), details: JsonValue.optional() }) })
  .openapi('Error');

export const OverviewQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100_000).default(2000).openapi({ description: 'At most this many nodes, best connected first' }),
  edgeLimit: z.coerce.number().int().min(1).max(500_000).default(20_000),
  includeSources: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .openapi({ description: 'Draw :Source nodes too (they are the evidence behind claims)' }),
  kinds: csvList(ENTITY_KINDS, 'kind'),
  types: csvList(RELATION_TYPES, 'relationship type'),
  status: csvList(CLAIM_STATUSES, 'status'),
  dataset: z.string().max(100).optional(),
});
export const Overview = z
  .object({
    nodes: z.array(GraphNode),
    edges: z.array(GraphEdge),
    totalNodes: z.number(),
    truncated: z.boolean().openapi({ description: 'true when the node or edge limit cut the graph' }),
  })
  .openapi('Overview');
