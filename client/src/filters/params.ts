/**
 * The filters as API parameters: an expansion asks only for what the
 * filters would draw (kinds, statuses and relationship types shown).
 */
import type { NeighborhoodParams, SchemaInfo } from '../api/types.ts';
import type { Filters } from './types.ts';

/**
 * Parameters of GET /api/entities/:id/neighborhood under the filters. A
 * list is sent only when the filters hide something and the schema names
 * every value (without it the server would get an incomplete list).
 * `types` given explicitly (a "Show" of one left-out type) wins.
 */
export function expandParams(
  f: Filters,
  schema: SchemaInfo | null,
  statusOrder: readonly string[],
  opts: { types?: string[]; limit: number },
): Required<Pick<NeighborhoodParams, 'limit'>> & Pick<NeighborhoodParams, 'kinds' | 'status' | 'types'> {
  const allKinds = schema?.kinds.map((k) => k.kind) ?? [];
  const kinds = f.hiddenKinds.length && allKinds.length ? allKinds.filter((k) => !f.hiddenKinds.includes(k)) : undefined;
  const status = f.hiddenStatuses.length ? statusOrder.filter((s) => !f.hiddenStatuses.includes(s)) : undefined;
  const allTypes = schema?.vocabulary.map((v) => v.type) ?? [];
  const types = opts.types ?? (f.hiddenTypes.length && allTypes.length ? allTypes.filter((t) => !f.hiddenTypes.includes(t)) : undefined);
  return { limit: opts.limit, kinds, status, types };
}
