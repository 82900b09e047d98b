import { schemaInfo } from '../../reads/schema.ts';
import { withoutSavedViewKeys } from '../../investigations/isolation.ts';
import { SchemaInfo } from '../../kernel/contract.ts';
import { route, type RouteContext } from '../route.ts';

export function schemaRoutes(ctx: RouteContext): void {
  route(ctx, {
    method: 'get',
    path: '/api/schema',
    summary: 'Labels and relationship types with counts, property keys, claim statuses, the relationship vocabulary and datasets',
    tags: ['graph'],
    response: SchemaInfo,
    errors: [503],
    handler: async ({ deps }) => withoutSavedViewKeys(await schemaInfo(deps)),
  });
}
