/**
 * The model's fields of each record kind, read off the zod schemas (so a new
 * field is known here without a list to update): which attributes of a graph
 * file, or properties of a stored node, are fields of the dataset format and
 * which are extra `properties`.
 */
import { Claim, ConceptEntity, EventEntity, OrganizationEntity, PersonEntity, PlaceEntity, Source } from '../model/dataset.ts';
import type { EntityKind } from '../model/kinds.ts';

const SHAPES: Record<EntityKind, Record<string, unknown>> = {
  person: PersonEntity.shape,
  organization: OrganizationEntity.shape,
  event: EventEntity.shape,
  place: PlaceEntity.shape,
  concept: ConceptEntity.shape,
  source: Source.shape,
};

/** The fields of an entity of `kind` (or of a source), `properties` excluded. */
export function entityFields(kind: EntityKind): ReadonlySet<string> {
  return new Set(Object.keys(SHAPES[kind]).filter((k) => k !== 'properties'));
}

/** The fields of a claim, `properties` excluded. */
export const CLAIM_FIELDS: ReadonlySet<string> = new Set(Object.keys(Claim.shape).filter((k) => k !== 'properties'));

/** What the importer computes and stores: never read back from a file as data. */
export const COMPUTED_NODE_KEYS: ReadonlySet<string> = new Set(['datasets', 'labels']);
export const COMPUTED_CLAIM_KEYS: ReadonlySet<string> = new Set(['datasets', 'dateMin', 'dateMax']);

/** A source's document, stored as two flat properties (Neo4j stores no maps). */
export const DOCUMENT_KEYS = { file: 'documentFile', sha256: 'documentSha256' } as const;

/** Fields of the model by the type of their values (for readers of untyped or loosely typed files). */
export const LIST_FIELDS: ReadonlySet<string> = new Set(['aliases', 'authors']);
export const BOOLEAN_FIELDS: ReadonlySet<string> = new Set(['anonymous', 'paraphrase']);
export const NUMBER_FIELDS: ReadonlySet<string> = new Set(['count', 'amount']);
export const DATE_FIELDS: ReadonlySet<string> = new Set(['born', 'died', 'founded', 'dissolved', 'date', 'start', 'end', 'accessed']);

/**
 * Properties a later import computes from the quote and the source's
 * document (server/provenance): not data of the dataset, never read back
 * from a file (an import checks the quote afresh).
 */
export const VERIFICATION_KEYS: ReadonlySet<string> = new Set([
  'verification',
  'verificationScore',
  'verificationSha256',
  'verificationSource',
  'verificationField',
  'verificationMissing',
  'verificationClosest',
  'verificationClosestStart',
  'verificationClosestEnd',
  'quoteExact',
  'quotePrefix',
  'quoteSuffix',
  'quoteStart',
  'quoteEnd',
  'quotePieceStarts',
  'quotePieceEnds',
]);
