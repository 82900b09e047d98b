/**
 * The current form of the claims and entities an investigation rests on, for
 * reopening it (which claims changed: their hash differs; which vanished) and
 * for its citations (the sources the claims cite, with their titles and
 * links). Claims are found from the entity each starts at: the unique id
 * index, then that entity's relationships, never a scan of every claim.
 */
import neo4j, { type Node, type Relationship } from 'neo4j-driver';
import type { z } from 'zod';
import { apiError, ApiError, classifyNeo4jError } from '../kernel/errors.ts';
import type { Deps } from '../kernel/deps.ts';
import type { CurrentClaims, CurrentClaimsRequest } from '../kernel/investigations-contract.ts';
import { cypher } from '../neo4j/cypher.ts';
import { nodeToJson, relationshipToJson, toPlain } from '../neo4j/values.ts';
import { claimHash } from '../../shared/investigation/claim-hash.ts';

type Result = z.output<typeof CurrentClaims>;
type Source = Result['sources'][number];

/** Claims or entities asked for per statement. */
const BATCH = 2000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A source as the entity detail cites it (same fields as its `sourceRef`). */
function sourceRef(n: Node): Source {
  const p = n.properties as Record<string, unknown>;
  const s = (v: unknown) => (typeof v === 'string' ? v : v == null ? null : String(toPlain(v)));
  return {
    id: String(p.id),
    title: s(p.name) ?? String(p.id),
    authors: Array.isArray(p.authors) ? p.authors.map(String) : [],
    publisher: s(p.publisher),
    date: s(p.date),
    url: s(p.url),
    kind: s(p.sourceKind),
  };
}

export async function currentClaims(deps: Deps, req: z.output<typeof CurrentClaimsRequest>): Promise<Result> {
  const timeout = deps.config.QUERY_TIMEOUT_MS;
  const opts = { database: deps.database, routing: neo4j.routing.READ, transactionConfig: { timeout } };
  const claims: Result['claims'] = [];
  const found = new Set<string>();
  const sources = new Map<string, Source>();
  const entities: Result['entities'] = [];
  try {
    for (const batch of chunks(req.claims, BATCH)) {
      if (deps.signal?.aborted) throw apiError('CLIENT_CLOSED', 'the client closed the connection before the answer');
      const res = await deps.driver.executeQuery(cypher('investigations/claims-current'), { claims: batch }, opts);
      for (const rec of res.records) {
        const claim = relationshipToJson(rec.get('r') as Relationship);
        claim.source = rec.get('source') as string;
        claim.target = rec.get('target') as string;
        if (found.has(claim.id)) continue;
        found.add(claim.id);
        claims.push({ claim, hash: claimHash(claim) });
        const s = rec.get('s') as Node | null;
        if (s && !sources.has(String(s.properties.id))) sources.set(String(s.properties.id), sourceRef(s));
      }
    }
    for (const batch of chunks([...new Set(req.entities)], BATCH)) {
      const res = await deps.driver.executeQuery(cypher('investigations/entities-current'), { ids: batch }, opts);
      for (const rec of res.records) entities.push(nodeToJson(rec.get('n') as Node));
    }
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (classifyNeo4jError(err) === 'unavailable') throw apiError('DB_UNAVAILABLE', 'Neo4j is not reachable right now; retry shortly');
    if (classifyNeo4jError(err) === 'timeout') throw apiError('QUERY_TIMEOUT', `looking up the investigation's claims took longer than ${timeout} ms`);
    throw err;
  }
  const present = new Set(entities.map((e) => e.id));
  return {
    claims,
    missingClaims: [...new Set(req.claims.map((c) => c.id))].filter((id) => !found.has(id)),
    entities,
    missingEntities: [...new Set(req.entities)].filter((id) => !present.has(id)),
    sources: [...sources.values()].sort((a, b) => a.id.localeCompare(b.id)),
  };
}
