/**
 * Sigma settings for big views (isBigView), switched without reprocessing
 * the graph: sigma reads some settings only when drawing or on each pointer
 * event, but setSetting() would reprocess every node and edge, so these are
 * written in place (setSetting is the fallback). Sigma is pinned to 3.0.x;
 * if these internals change, this does nothing.
 */
import type { Attributes } from 'graphology-types';
import type Sigma from 'sigma';

type SigmaSettings = { renderEdgeLabels?: boolean; enableEdgeEvents?: boolean };

function settingsOf<N extends Attributes, E extends Attributes>(sigma: Sigma<N, E>): SigmaSettings | undefined {
  return (sigma as unknown as { settings?: SigmaSettings }).settings;
}

/**
 * On a big graph, sigma's edge-label pass (every edge checked on every
 * frame) runs only while something is hovered, selected or highlighted:
 * edge labels show around it, not across a zoomed-in hairball. Decided
 * before each render.
 */
export function setEdgeLabelsPass<N extends Attributes, E extends Attributes>(sigma: Sigma<N, E>, want: boolean): void {
  const settings = settingsOf(sigma);
  if (settings?.renderEdgeLabels === want) return;
  if (settings && typeof settings.renderEdgeLabels === 'boolean') settings.renderEdgeLabels = want;
  else sigma.setSetting('renderEdgeLabels', want);
}

/**
 * Edge events (hover, click) need sigma to draw every edge a second time,
 * into a picking framebuffer, on every frame: on a big view that doubled
 * the time of each frame (bench/RENDER.md), so a big view has no edge
 * events (an entity's panel lists its claims). Sigma 3.0 decides this once,
 * at construction (`enableEdgeEvents`), so each edge program's picking pass
 * (`pickProgram`, compound programs hold theirs in `programs`) is put aside
 * and back, and the setting flipped in place.
 */
export function setEdgePicking<N extends Attributes, E extends Attributes>(sigma: Sigma<N, E>, on: boolean): void {
  type Pickable = { pickProgram?: unknown; pickAside?: unknown; programs?: Pickable[] };
  const programs = (sigma as unknown as { edgePrograms?: Record<string, Pickable> }).edgePrograms ?? {};
  for (const program of Object.values(programs)) {
    for (const p of program.programs ?? [program]) {
      if (on && p.pickAside) {
        p.pickProgram = p.pickAside;
        p.pickAside = undefined;
      } else if (!on && p.pickProgram) {
        p.pickAside = p.pickProgram;
        p.pickProgram = null;
      }
    }
  }
  // The pointer handlers read the setting on each event (off: no pixel read-back of the edge layer per mouse move).
  const settings = settingsOf(sigma);
  if (settings && typeof settings.enableEdgeEvents === 'boolean') settings.enableEdgeEvents = on;
}
