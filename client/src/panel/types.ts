import type { Claim, EntityDetail, LeftOut, PathsResult } from '../api/types.ts';

/** Where the entity stands on the canvas, for the panel's buttons. */
export interface NodeState {
  onCanvas: boolean;
  pinned: boolean;
  hidden: boolean;
  expanded: boolean;
}

export type PanelContent =
  | { type: 'loading'; title: string }
  | { type: 'error'; title: string; message: string }
  | { type: 'entity'; detail: EntityDetail; node: NodeState; leftOut: readonly LeftOut[] | null }
  | {
      type: 'edge';
      edgeId: string;
      relType: string;
      meaning: string | null;
      from: { id: string; name: string; kind: string };
      to: { id: string; name: string; kind: string };
      claims: Claim[];
    }
  | { type: 'paths'; from: string; to: string; status: string | null; result: PathsResult; names: Map<string, string> };

export interface PanelActions {
  close(): void;
  select(id: string): void;
  expand(id: string): void;
  showLeftOut(id: string, type: string): void;
  hide(id: string): void;
  pin(id: string, pinned: boolean): void;
  remove(id: string): void;
  pathFrom(id: string, name: string): void;
  pathTo(id: string, name: string): void;
  clearPaths(): void;
  selectPath(index: number): void;
  /** Whether a claim passes the current filters (filtered claims are shown muted). */
  claimShown(claimId: string): boolean;
  /** The notes about the entity or edge shown, with a way to add one (investigations/notes). */
  notes?(target: { type: 'entity' | 'edge'; id: string }): Node | null;
}
