/**
 * The dataset format, once: zod schemas for entities, sources and claims.
 * The importer validates every record with these; `npm run schema:json`
 * writes the JSON Schema editors use (data/dataset.schema.json).
 *
 * A dataset is a folder: `dataset.yaml` (its name and description) plus any
 * number of `.yaml`/`.yml`/`.json` files holding `entities:`, `sources:` and
 * `claims:` lists, and optionally `.jsonl` files with one record per line
 * (`{"record": "entity" | "source" | "claim", ...}`) for bulk data.
 * See data/README.md.
 */
import { z } from 'zod';
import { CLAIM_STATUSES } from './statuses.ts';
import { SOURCE_KINDS } from './kinds.ts';
import { RELATION_TYPES } from './vocabulary.ts';
import { isValidPartialDate } from './dates.ts';

export const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

export const Id = z
  .string()
  .regex(ID_RE, 'an id of letters, digits and . _ : - (a readable slug such as "maryam-rajavi")');

export const PartialDate = z
  .string()
  .refine(isValidPartialDate, 'an ISO 8601 date at the precision the source gives: "1965", "2026-01" or "2026-01-11"');

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
/** Extra properties a user's data carries (CSV columns, FtM properties). */
export const ExtraProperties = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a property name of letters, digits and _'),
  z.union([Scalar, z.array(Scalar)]),
);

const EntityBase = z.object({
  id: Id,
  name: z.string().trim().min(1, 'a non-empty name'),
  aliases: z.array(z.string().trim().min(1)).default([]),
  description: z.string().default(''),
  /** An unnamed actor ("a senior American official"), named by what the source says of it. */
  anonymous: z.boolean().default(false),
  /** Free-form extra properties, stored on the node as they are. */
  properties: ExtraProperties.optional(),
  /** Editorial note: why this entity is in the data, what was left out. */
  note: z.string().optional(),
});

export const PersonEntity = EntityBase.extend({
  kind: z.literal('person'),
  born: PartialDate.optional(),
  died: PartialDate.optional(),
  nationality: z.string().optional(),
}).strict();

export const OrganizationEntity = EntityBase.extend({
  kind: z.literal('organization'),
  founded: PartialDate.optional(),
  dissolved: PartialDate.optional(),
  country: z.string().optional(),
  /** e.g. "militant group", "political arm", "government", "think tank", "publisher". */
  orgType: z.string().optional(),
  /** How many members or branches, where the source gives a number (e.g. 40 front groups). */
  count: z.number().int().nonnegative().optional(),
}).strict();

export const EventEntity = EntityBase.extend({
  kind: z.literal('event'),
  date: PartialDate.optional(),
  start: PartialDate.optional(),
  end: PartialDate.optional(),
}).strict();

export const PlaceEntity = EntityBase.extend({
  kind: z.literal('place'),
  country: z.string().optional(),
  placeType: z.string().optional(),
}).strict();

export const ConceptEntity = EntityBase.extend({
  kind: z.literal('concept'),
  /** e.g. "ideology", "programme", "practice". */
  category: z.string().optional(),
}).strict();

export const Entity = z.discriminatedUnion('kind', [
  PersonEntity,
  OrganizationEntity,
  EventEntity,
  PlaceEntity,
  ConceptEntity,
]);
export type Entity = z.output<typeof Entity>;

/**
 * The text a source's claims quote, for verification (server/provenance):
 * a plain-text, Markdown, HTML or PDF file found in the `--documents` folder
 * or in `<dataset>/documents/`, under `file` or else `<sourceId>.<ext>`.
 * `sha256` is the SHA-256 of its extracted, normalized text (hex), so a
 * changed document is detected; the document itself need not ship with the
 * dataset. Stored on the node as `documentFile` and `documentSha256`.
 */
export const SourceDocument = z
  .object({
    file: z
      .string()
      .regex(/^[^/\\]+$/, 'a file name without folders (it is looked up in the documents folder)')
      .optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the extracted, normalized text: 64 lowercase hex digits'),
  })
  .strict();
export type SourceDocument = z.output<typeof SourceDocument>;

/** A document that reports claims. Stored as `:Entity:Source`. */
export const Source = EntityBase.extend({
  kind: z.literal('source').default('source'),
  /** The title is the node's `name`; `sourceKind` says what kind of document. */
  sourceKind: z.enum(SOURCE_KINDS),
  authors: z.array(z.string().trim().min(1)).default([]),
  publisher: z.string().optional(),
  date: PartialDate.optional(),
  url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional(),
  accessed: PartialDate.optional(),
  /** The bibliography entry as printed, where there is one. */
  citation: z.string().optional(),
  /** The source's text, for verifying its claims' quotes. */
  document: SourceDocument.optional(),
}).strict();
export type Source = z.output<typeof Source>;

export const Claim = z
  .object({
    id: Id,
    type: z.enum(RELATION_TYPES),
    from: Id,
    to: Id,
    /** The id of the `Source` that makes this claim. */
    sourceId: Id,
    status: z.enum(CLAIM_STATUSES),
    /**
     * The supporting passage, verbatim (pieces may be joined with `...`),
     * unless `paraphrase` is true; then `anchor` holds the verbatim passage
     * it paraphrases.
     */
    quote: z.string().trim().min(1, 'a non-empty quote of the supporting passage').max(2000),
    /** The quote is not the source's exact words (DATA-POLICY rule 12); absent means verbatim. */
    paraphrase: z.boolean().optional(),
    /** For a paraphrase: the verbatim passage of the source it paraphrases. */
    anchor: z.string().trim().min(1, 'a non-empty verbatim passage').max(2000).optional(),
    /** Who actually makes the claim when the source reports someone else saying it (an entity id). */
    claimant: Id.optional(),
    /** A source that restates this claim (e.g. the seed analysis citing The Intercept). */
    citedIn: Id.optional(),
    date: PartialDate.optional(),
    start: PartialDate.optional(),
    end: PartialDate.optional(),
    role: z.string().optional(),
    amount: z.number().nonnegative().optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as "USD"').optional(),
    purpose: z.string().optional(),
    note: z.string().optional(),
    properties: ExtraProperties.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.paraphrase && c.anchor === undefined) {
      ctx.addIssue({ code: 'custom', path: ['anchor'], message: 'a paraphrase needs "anchor": the verbatim passage of the source it paraphrases' });
    }
    if (!c.paraphrase && c.anchor !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['paraphrase'], message: 'an "anchor" is only for a paraphrase: set "paraphrase: true", or drop the anchor if the quote is verbatim' });
    }
  });
export type Claim = z.output<typeof Claim>;

export const DatasetMeta = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a dataset name of lowercase letters, digits and -'),
    title: z.string().min(1),
    description: z.string().default(''),
    license: z.string().optional(),
    homepage: z.string().optional(),
  })
  .strict();
export type DatasetMeta = z.output<typeof DatasetMeta>;

/** One YAML/JSON file of a dataset. */
export const DatasetFile = z
  .object({
    entities: z.array(z.unknown()).default([]),
    sources: z.array(z.unknown()).default([]),
    claims: z.array(z.unknown()).default([]),
  })
  .strict();

/** One line of a `.jsonl` dataset file. */
export const RecordKind = z.enum(['entity', 'source', 'claim']);
