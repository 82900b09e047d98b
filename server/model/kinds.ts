/**
 * Entity kinds. Each kind is a Neo4j label next to `:Entity`; the `kind`
 * property holds the lowercase name so queries and the client need not
 * inspect labels.
 */
export const ENTITY_KINDS = ['person', 'organization', 'event', 'place', 'concept', 'source'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const KIND_LABELS: Record<EntityKind, string> = {
  person: 'Person',
  organization: 'Organization',
  event: 'Event',
  place: 'Place',
  concept: 'Concept',
  source: 'Source',
};

export const KIND_MEANINGS: Record<EntityKind, string> = {
  person: 'A named person, or an explicitly anonymous one (anonymous: true).',
  organization: 'A group, party, government, agency, company, publisher or movement.',
  event: 'Something that happened at a date or over a span.',
  place: 'A city, building, compound or country.',
  concept: 'An idea, ideology, programme or practice (including alleged practices).',
  source: 'A document that reports claims: book, article, report, post, video.',
};

export function labelToKind(label: string): EntityKind | undefined {
  return ENTITY_KINDS.find((k) => KIND_LABELS[k] === label);
}

/** What kind of document a source is (DATA-POLICY rule 8). */
export const SOURCE_KINDS = [
  'book',
  'news-article',
  'report',
  'op-ed',
  'analysis',
  'social-media-post',
  'video',
  'blog',
  'official-document',
  'dataset',
  'other',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
