/**
 * The visual vocabulary shared by canvas, legend, panel and PNG export:
 * colours per entity kind (Paul Tol's colour-blind-safe palette) and one
 * style per claim status (colour, thickness, dash), strongest first.
 */

export const KIND_COLORS: Record<string, string> = {
  organization: '#4477AA',
  person: '#EE7733',
  event: '#228833',
  place: '#AA3377',
  concept: '#33BBEE',
  source: '#8C8C8C',
};
const FALLBACK_KIND_COLORS = ['#CCBB44', '#009988', '#EE3377', '#0077BB'];

export function kindColor(kind: string): string {
  const c = KIND_COLORS[kind];
  if (c) return c;
  let h = 0;
  for (const ch of kind) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return FALLBACK_KIND_COLORS[h % FALLBACK_KIND_COLORS.length]!;
}

export interface StatusStyle {
  color: string;
  /** Edge thickness in pixels for one claim. */
  size: number;
  /** Dash pattern in pixels ([] for solid), used by the canvas and the legend. */
  dash: number[];
  /** A word on how it looks, for the legend's title text. */
  look: string;
}

export const STATUS_STYLES: Record<string, StatusStyle> = {
  documented: { color: '#1f2a37', size: 2.6, dash: [], look: 'thick solid dark line' },
  reported: { color: '#5b6b7d', size: 1.7, dash: [], look: 'solid grey line' },
  assessment: { color: '#7a68b5', size: 1.5, dash: [7, 4], look: 'dashed violet line' },
  alleged: { color: '#9aa5b1', size: 1.3, dash: [2, 4], look: 'dotted light line' },
  disputed: { color: '#d1343b', size: 1.6, dash: [7, 4], look: 'dashed red line' },
};
const UNKNOWN_STATUS: StatusStyle = { color: '#b0b7bf', size: 1, dash: [], look: 'thin line' };

export function statusStyle(status: string | null | undefined): StatusStyle {
  return (status && STATUS_STYLES[status]) || UNKNOWN_STATUS;
}

export const UI = {
  background: '#fbfcfd',
  dimNode: '#e3e7ec',
  dimEdge: '#eef1f4',
  highlight: '#f2b701',
  labelColor: '#1d2733',
  font: 'Inter, "Segoe UI", system-ui, -apple-system, sans-serif',
} as const;
