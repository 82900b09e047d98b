/**
 * What a neighbourhood's node cap left out, per relationship type: claims,
 * distinct nodes and, for money, amounts summed per currency (see
 * neighborhood.ts for when each count is exact and when a lower bound).
 */
import type { z } from 'zod';
import type { LeftOut } from '../kernel/contract.ts';
import type { Deps } from '../kernel/deps.ts';
import { isFinancial, RELATION_TYPES } from '../model/vocabulary.ts';
import { cypher, withType } from '../neo4j/cypher.ts';
import { read } from '../neo4j/read.ts';
import { toPlain } from '../neo4j/values.ts';
import type { ClaimFilters } from './subgraph.ts';

/** The money relations (their amounts are summed per currency). */
export const MONEY = RELATION_TYPES.filter(isFinancial);

export type LeftOutRow = Omit<z.output<typeof LeftOut>, 'exact'>;
export type LeftOutSummary = z.output<typeof LeftOut>[];

/** Rows of a left-out count as numbers, empty types dropped, most claims first. */
export function leftOutRows(rows: { type: unknown; claims: unknown; nodes: unknown; amounts: unknown }[]): LeftOutRow[] {
  return rows
    .map((r) => ({
      type: String(r.type),
      claims: Number(toPlain(r.claims)),
      nodes: Number(toPlain(r.nodes)),
      amounts: ((r.amounts as { currency: string; total: unknown }[] | null) ?? [])
        .filter((a) => a && a.currency)
        .map((a) => ({ currency: String(a.currency), total: Number(toPlain(a.total)) }))
        .filter((a) => a.total > 0)
        .sort((a, b) => b.total - a.total || a.currency.localeCompare(b.currency)),
    }))
    .filter((r) => r.claims > 0)
    .sort((a, b) => b.claims - a.claims || a.type.localeCompare(b.type));
}

export const exactly = (rows: LeftOutRow[]): LeftOutSummary => rows.map((r) => ({ ...r, exact: true }));

/**
 * Exact claims per type (`counted`) with nodes and amounts as lower bounds:
 * the most of what was counted and what the cutting hop saw (a part of the
 * same claims), at least one node per type with claims. `amountsToo`: take
 * the amounts from the cutting hop (the count had none).
 */
export function lowerBounds(counted: LeftOutRow[], cutRest: LeftOutRow[], amountsToo: boolean): LeftOutSummary {
  const seen = new Map(cutRest.map((r) => [r.type, r]));
  return counted.map((r) => {
    const hop = seen.get(r.type);
    return {
      type: r.type,
      claims: r.claims,
      nodes: Math.max(1, r.nodes, hop?.nodes ?? 0),
      amounts: amountsToo ? (hop?.amounts ?? []) : r.amounts,
      exact: false,
    };
  });
}

/** The degree-count statement for these types (one `per type` line each, literal types from the vocabulary). */
function degreesQuery(types: readonly string[]): string {
  const lines = cypher('reads/neighborhood-degrees').split('\n');
  const at = lines.findIndex((l) => l.includes('// per type'));
  const line = lines[at]!.replace(/\s*\/\/ per type$/, '');
  const per = types.map((t) => withType(line, t)).join(',\n');
  return [...lines.slice(0, at), per, ...lines.slice(at + 1)].join('\n');
}

/** Claims per type of the given entities (any direction, no filter), from the degree counts. */
async function degrees(deps: Deps, ids: string[], types: readonly string[]): Promise<Map<string, number>> {
  const [rec] = await read(deps, degreesQuery(types), { frontier: ids });
  const out = new Map<string, number>();
  for (const d of (rec?.get('degrees') as { type: string; claims: unknown }[]) ?? []) out.set(String(d.type), Number(toPlain(d.claims)));
  return out;
}

/** The state of the hops that the left-out count starts from. */
export interface HopState {
  /** Every node kept. */
  included: Set<string>;
  /** Nodes whose neighbours were asked for (or would have been, had the answer not been full). */
  expanded: string[];
  /** What the cutting hop left out (exact for the frontiers it expanded). */
  cutRest: LeftOutRow[];
}

/**
 * The claims of the expanded nodes beyond the answer, when a frontier was
 * left unexpanded: counted in full (exact) up to LEFT_OUT_EXACT_CLAIMS
 * claims; above, with filters, one count without distinct nodes (lower
 * bounds); without filters, nothing is counted here and `fromDegrees` holds
 * the degree counts, to be finished by leftOutFromDegrees once the claims
 * among the shown nodes are known.
 */
export async function countBeyond(
  deps: Deps,
  hops: HopState,
  f: ClaimFilters,
  kinds: string[] | null,
): Promise<{ leftOut: LeftOutSummary; fromDegrees?: Map<string, number> }> {
  const degree = await degrees(deps, hops.expanded, f.types ?? RELATION_TYPES);
  const total = [...degree.values()].reduce((a, b) => a + b, 0);
  const unfiltered = f.statuses === null && f.from === null && f.to === null && kinds === null;
  const params = { frontier: hops.expanded, included: [...hops.included], kinds, ...f, money: MONEY };
  if (total <= deps.config.LEFT_OUT_EXACT_CLAIMS) {
    const recs = await read(deps, cypher('reads/neighborhood-left-out'), { ...params, distinct: true });
    return { leftOut: exactly(leftOutRows(recs.map((r) => r.toObject() as LeftOutRow))) };
  }
  if (unfiltered) return { leftOut: [], fromDegrees: degree };
  const recs = await read(deps, cypher('reads/neighborhood-left-out'), { ...params, distinct: false });
  return { leftOut: lowerBounds(leftOutRows(recs.map((r) => r.toObject() as LeftOutRow)), hops.cutRest, false) };
}

/** Claims per type from the degree counts less those among the shown nodes (`inner`); nodes and amounts from the cutting hop. */
export function leftOutFromDegrees(fromDegrees: Map<string, number>, inner: Map<string, number>, cutRest: LeftOutRow[]): LeftOutSummary {
  const counted = [...fromDegrees].map(([type, claims]) => ({ type, claims: claims - (inner.get(type) ?? 0), nodes: 0, amounts: [] }));
  return lowerBounds(leftOutRows(counted), cutRest, true);
}
