/**
 * The relationship-type vocabulary: one place, read by the importer, the API
 * (`/api/schema`) and so the client legend and Cypher autocomplete.
 * Every relationship in Neo4j is one claim of one of these types.
 */
export const RELATION_TYPES = [
  'LEADS',
  'MEMBER_OF',
  'FOUNDED',
  'PART_OF',
  'FUNDED',
  'PAID',
  'EMPLOYED_BY',
  'REPRESENTS',
  'OWNS',
  'FAMILY_OF',
  'PARTICIPATED_IN',
  'CARRIED_OUT',
  'TARGETED',
  'SUBJECT_OF',
  'ALLIED_WITH',
  'SUPPORTED',
  'OPPOSED',
  'CRITICIZED',
  'LOBBIED_FOR',
  'INFLUENCED',
  'BASED_IN',
  'LOCATED_IN',
  'ASSOCIATED_WITH',
  'AUTHORED',
  'PUBLISHED',
  'CITES',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export interface RelationInfo {
  /** One line: what `(a)-[:TYPE]->(b)` says. */
  meaning: string;
  /** Relations that carry money: amounts are summed in summaries. */
  financial?: boolean;
}

export const RELATIONS: Record<RelationType, RelationInfo> = {
  LEADS: { meaning: 'a leads or led b (role, start/end give the office and span)' },
  MEMBER_OF: { meaning: 'a is or was a member of b (role: e.g. "former member")' },
  FOUNDED: { meaning: 'a founded b' },
  PART_OF: { meaning: 'a is part of b (role: e.g. "political arm", "front group", "affiliate")' },
  FUNDED: { meaning: 'a gave money or material support to b (amount, currency, purpose)', financial: true },
  PAID: { meaning: 'a paid b for a service: fees, honoraria, compensation (amount, currency, purpose)', financial: true },
  EMPLOYED_BY: { meaning: 'a works or worked for b (role)' },
  REPRESENTS: { meaning: 'a acts or speaks on behalf of b' },
  OWNS: { meaning: 'a owns b or a share of it' },
  FAMILY_OF: { meaning: 'a is a relative of b (role: e.g. "spouse")' },
  PARTICIPATED_IN: { meaning: 'a took part in event b (role)' },
  CARRIED_OUT: { meaning: 'a carried out act, event or practice b' },
  TARGETED: { meaning: 'a attacked, executed, suppressed or acted against b' },
  SUBJECT_OF: { meaning: 'a is the subject of event or act b (e.g. the organization a delisting concerns)' },
  ALLIED_WITH: { meaning: 'a allied or collaborated with b' },
  SUPPORTED: { meaning: 'a supported b politically or practically (not money: see FUNDED)' },
  OPPOSED: { meaning: 'a opposed or fought b' },
  CRITICIZED: { meaning: 'a criticized b in speech or writing' },
  LOBBIED_FOR: { meaning: 'a lobbied or advocated for b' },
  INFLUENCED: { meaning: 'a influenced or inspired b' },
  BASED_IN: { meaning: 'organization or person a is based or headquartered in place b' },
  LOCATED_IN: { meaning: 'event or place a is located in place b' },
  ASSOCIATED_WITH: { meaning: 'a is associated with b in a way the source does not specify further' },
  AUTHORED: { meaning: 'person or organization a wrote source b (role: e.g. "author", "translator")' },
  PUBLISHED: { meaning: 'organization a published source b' },
  CITES: { meaning: 'source a cites or draws on source b' },
};

export function isFinancial(type: string): boolean {
  return (RELATIONS as Record<string, RelationInfo>)[type]?.financial === true;
}
