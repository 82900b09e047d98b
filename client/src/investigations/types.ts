/**
 * The investigation's shapes: the document (shared/investigation/schema.ts,
 * imported as types here; the feature loads the schema itself only to
 * validate a file or a saved view), the server's saved views and current
 * claims (server/kernel/investigations-contract.ts), and what reopening
 * found changed.
 */
import type { z } from 'zod';
import type * as C from '../../../server/kernel/investigations-contract.ts';
import type { GraphEdge, GraphNode } from '../api/types.ts';

export type {
  ClaimRef,
  DocumentIssue,
  EntityRef,
  GraphCamera,
  InvestigationDocument,
  Note,
  NoteTarget,
  ParseResult,
  StoryStep,
} from '../../../shared/investigation/schema.ts';

export type SavedViewSummary = z.output<typeof C.SavedViewSummary>;
export type SavedView = z.output<typeof C.SavedView>;
export type SavedViewList = z.output<typeof C.SavedViewList>;
export type CurrentClaims = z.output<typeof C.CurrentClaims>;
export type CurrentClaim = CurrentClaims['claims'][number];
export type CitedSource = z.output<typeof C.CitedSource>;

/** Where the open investigation came from: nothing yet, a file, or a saved view on this server. */
export type Origin = { type: 'none' } | { type: 'file'; name: string } | { type: 'view'; id: string; name: string };

/** A claim that is not as it was saved: its saved form, and the current one when it still exists. */
export interface ChangedClaim {
  id: string;
  saved: GraphEdge;
  current: GraphEdge;
  /** The properties whose values differ (quote, status, sourceId, ...). */
  fields: string[];
}

/** What reopening found, against the database: claims changed or gone, entities gone, datasets the server lacks. */
export interface ReopenReport {
  changed: ChangedClaim[];
  vanishedClaims: GraphEdge[];
  vanishedEntities: GraphNode[];
  missingDatasets: string[];
  /** The check could not run (the server did not answer); the investigation shows as saved. */
  unchecked: string | null;
  /** Names of entities by id, for reading the lists. */
  names: Map<string, string>;
}
