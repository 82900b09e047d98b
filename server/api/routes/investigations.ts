/**
 * Investigations on the server: saved views (a name, a short link, the
 * investigation document; shared by everyone on this server) and the current
 * form of the claims an investigation rests on. Reading is open; writing a
 * saved view needs `Authorization: Bearer <API_TOKEN>` when API_TOKEN is set
 * (app.ts guards the non-GET methods of /api/views, as it guards /api/cypher).
 */
import { currentClaims } from '../../investigations/claims.ts';
import { createView, deleteView, getView, listViews, updateView } from '../../investigations/store.ts';
import {
  CURRENT_CLAIMS_MAX,
  CurrentClaims,
  CurrentClaimsRequest,
  SAVED_VIEW_MAX_BYTES,
  SavedView,
  SavedViewCreate,
  SavedViewDeleted,
  SavedViewList,
  SavedViewSummary,
  SavedViewUpdate,
  ViewIdParam,
} from '../../kernel/investigations-contract.ts';
import { route, type RouteContext } from '../route.ts';

const WRITE_RULE = 'Needs `Authorization: Bearer <API_TOKEN>` when the server has API_TOKEN set.';
const SIZE_RULE = `The document is validated with the investigation schema (shared/investigation/schema.ts; JSON Schema in shared/investigation/investigation.schema.json) and may be at most ${SAVED_VIEW_MAX_BYTES / 1048576} MB.`;

export function investigationRoutes(ctx: RouteContext): void {
  route(ctx, {
    method: 'get',
    path: '/api/views',
    summary: 'Saved views on this server, newest change first (without their documents)',
    tags: ['investigations'],
    response: SavedViewList,
    errors: [503],
    handler: async ({ deps }) => ({ views: await listViews(deps) }),
  });
  route(ctx, {
    method: 'get',
    path: '/api/views/:id',
    summary: 'One saved view with its investigation document (what /?view=<id> opens)',
    tags: ['investigations'],
    params: ViewIdParam,
    response: SavedView,
    errors: [400, 404, 503],
    handler: ({ params, deps }) => getView(deps, params.id),
  });
  route(ctx, {
    method: 'post',
    path: '/api/views',
    summary: 'Save an investigation as a view under a name; answers its id and short link',
    description: `${WRITE_RULE} ${SIZE_RULE}`,
    tags: ['investigations'],
    body: SavedViewCreate,
    response: SavedViewSummary,
    errors: [400, 401, 413, 429, 503],
    handler: async ({ body, deps, res }) => {
      const view = await createView(deps, body);
      res.status(201);
      return view;
    },
  });
  route(ctx, {
    method: 'put',
    path: '/api/views/:id',
    summary: 'Rename a saved view, replace its investigation, or both',
    description: `${WRITE_RULE} ${SIZE_RULE} The last write wins.`,
    tags: ['investigations'],
    params: ViewIdParam,
    body: SavedViewUpdate,
    response: SavedViewSummary,
    errors: [400, 401, 404, 413, 429, 503],
    handler: ({ params, body, deps }) => updateView(deps, params.id, body),
  });
  route(ctx, {
    method: 'delete',
    path: '/api/views/:id',
    summary: 'Delete a saved view',
    description: WRITE_RULE,
    tags: ['investigations'],
    params: ViewIdParam,
    response: SavedViewDeleted,
    errors: [400, 401, 404, 429, 503],
    handler: ({ params, deps }) => deleteView(deps, params.id),
  });
  route(ctx, {
    method: 'post',
    path: '/api/claims/current',
    summary: 'The current form of claims (by id and the entity each starts at), their content hashes, which are gone, and the sources they cite',
    description:
      `Reopening an investigation compares each claim's saved hash with this one (shared/investigation/claim-hash.ts) to say which changed. ` +
      `At most ${CURRENT_CLAIMS_MAX} claims per request; a claim that no longer starts at the given entity is listed in missingClaims.`,
    tags: ['investigations'],
    body: CurrentClaimsRequest,
    response: CurrentClaims,
    errors: [400, 408, 503],
    heavy: true,
    handler: ({ body, deps }) => currentClaims(deps, body),
  });
}
