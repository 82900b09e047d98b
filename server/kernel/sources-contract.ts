/**
 * The API shapes of the evidence views: a claim's quote in context and a
 * source's view and document (server/reads/sources.ts, routes in
 * server/api/routes/sources.ts). Apart from contract.ts to keep each file
 * small; the client imports both as types.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { Claim, GraphNode } from './contract.ts';

extendZodWithOpenApi(z);

/** A range of a text, in UTF-16 code units (JavaScript string offsets): [start, end). */
const TextRange = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });

export const ClaimContextQuery = z.object({
  from: z
    .string()
    .min(1)
    .max(300)
    .optional()
    .openapi({ description: "The claim's subject (its from entity): the claim is found through it, by index. Without it every relationship is scanned." }),
});

export const QuoteContext = z
  .object({
    claimId: z.string(),
    /** The source whose document the quote was looked for in (the claim's own, or the one that restates it). */
    sourceId: z.string().nullable(),
    sourceName: z.string().nullable().openapi({ description: 'That source’s name' }),
    verification: z.string().openapi({ description: 'verified | approximate | paraphrase-anchored | not-found | no-document' }),
    available: z.boolean().openapi({ description: 'true when `text` holds the quote in context' }),
    reason: z
      .enum(['not-checked', 'not-found', 'document-missing', 'document-changed'])
      .nullable()
      .openapi({
        description:
          'Why there is no context: the quote was not checked (no document at import) or not found, the server has no copy of the document, or its copy is not the text the quote was found in (its SHA-256 differs)',
      }),
    text: z.string().openapi({ description: 'The sentences around the quote, as the document has them (at most about 1,500 characters); empty when not available' }),
    highlights: z.array(TextRange).openapi({ description: 'Where the quote is in `text`: one range per verbatim piece' }),
    clippedStart: z.boolean().openapi({ description: '`text` starts inside a sentence (a long one was cut)' }),
    clippedEnd: z.boolean(),
  })
  .openapi('QuoteContext');

export const SourceDocumentInfo = z
  .object({
    file: z.string().nullable().openapi({ description: 'The document file the dataset names (or null: looked for as <sourceId>.<ext>)' }),
    sha256: z.string().nullable().openapi({ description: 'SHA-256 of its normalized text, as the dataset records it' }),
    available: z.boolean().openapi({ description: 'The server has a copy (DOCUMENTS_DIR, or the default dataset’s documents/ folder)' }),
    changed: z.boolean().openapi({ description: 'The copy’s text is not the one the dataset recorded (SHA-256 differs)' }),
    passages: z.number().int().nonnegative().openapi({ description: 'Quotes found in it' }),
  })
  .openapi('SourceDocumentInfo');

export const SourceView = z
  .object({
    source: GraphNode,
    claims: z
      .array(z.object({ type: z.string(), meaning: z.string().nullable(), claims: z.array(Claim) }))
      .openapi({ description: 'Claims that cite it (their source) or that it restates (citedIn), grouped by relationship type' }),
    claimCount: z.number().int().nonnegative().openapi({ description: 'All such claims (the list stops at 2,000)' }),
    document: SourceDocumentInfo,
  })
  .openapi('SourceView');

export const SourceDocument = z
  .object({
    sourceId: z.string(),
    file: z.string(),
    text: z.string().openapi({ description: 'The document’s text as extracted (plain text, never markup)' }),
    changed: z.boolean(),
    passages: z
      .array(z.object({ claimId: z.string(), start: z.number().int(), end: z.number().int(), pieces: z.array(TextRange) }))
      .openapi({ description: 'Every quote found in it: the whole span and each verbatim piece, as ranges of `text`' }),
  })
  .openapi('SourceDocument');

/** Claims per neighbourhood answer: default and most (the edge cap). */
