/**
 * One entity with every claim touching it, each with its source resolved,
 * grouped by relationship type (the evidence panel's data).
 */
import type { Node, Relationship } from 'neo4j-driver';
import type { z } from 'zod';
import { apiError } from '../kernel/errors.ts';
import type { Deps } from '../kernel/deps.ts';
import type { Claim, EntityDetail, SourceRef } from '../kernel/contract.ts';
import { RELATIONS, type RelationType } from '../model/vocabulary.ts';
import { cypher } from '../neo4j/cypher.ts';
import { nodeToJson, toPlain, type Json } from '../neo4j/values.ts';
import { read } from '../neo4j/read.ts';

export const CLAIM_LIMIT = 2000;

export function sourceRef(s: Node | null | undefined): z.output<typeof SourceRef> | null {
  if (!s) return null;
  const p = s.properties as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id: String(p.id),
    title: String(p.name ?? p.id),
    authors: Array.isArray(p.authors) ? p.authors.map(String) : [],
    publisher: str(p.publisher),
    date: str(p.date),
    url: str(p.url),
    kind: str(p.sourceKind),
  };
}

function brief(n: Node) {
  const j = nodeToJson(n);
  return { id: j.id, name: j.name, kind: j.kind };
}

export function claimJson(r: Relationship, self: Node, other: Node, out: boolean, source: Node | null): z.output<typeof Claim> {
  const props = toPlain(r.properties) as Record<string, Json>;
  return {
    id: typeof props.id === 'string' ? props.id : `element:${r.elementId}`,
    type: r.type,
    direction: out ? 'out' : 'in',
    from: brief(out ? self : other),
    to: brief(out ? other : self),
    status: String(props.status ?? ''),
    quote: String(props.quote ?? ''),
    source: sourceRef(source),
    properties: props,
  };
}

export async function entityDetail(deps: Deps, id: string): Promise<z.output<typeof EntityDetail>> {
  const [rec] = await read(deps, cypher('reads/entity'), { id, claimLimit: CLAIM_LIMIT });
  if (!rec) throw apiError('NOT_FOUND', `no entity with id "${id}"`);
  const n = rec.get('n') as Node;
  const raw = rec.get('claims') as { r: Relationship; other: Node; source: Node | null; out: boolean }[];
  const groups = new Map<string, z.output<typeof Claim>[]>();
  for (const c of raw) {
    const claim = claimJson(c.r, n, c.other, c.out, c.source);
    const list = groups.get(claim.type) ?? [];
    list.push(claim);
    groups.set(claim.type, list);
  }
  return {
    entity: nodeToJson(n),
    claims: [...groups.entries()]
      .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
      .map(([type, claims]) => ({ type, meaning: RELATIONS[type as RelationType]?.meaning ?? null, claims })),
    claimCount: Number(toPlain(rec.get('claimCount'))),
  };
}
