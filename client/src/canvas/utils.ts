/** How a drawn edge looks, from the claims that pass the filters (strongest first). */
import type { GraphEdge } from '../api/types.ts';
import { sourceCount, typeLabel } from '../graph/utils.ts';
import { statusStyle } from '../theme/index.ts';

export function edgeLook(type: string, claims: readonly GraphEdge[], curved: boolean): { color: string; size: number; label: string; type: string } {
  const strongest = claims[0]?.status ?? null;
  const style = statusStyle(strongest);
  const n = sourceCount(claims);
  const dashed = style.dash.length > 0;
  const program = curved ? 'curved' : dashed ? (style.dash[0]! <= 2 ? 'dotted' : 'dashed') : 'arrow';
  return {
    color: style.color,
    size: style.size * (1 + 0.45 * (Math.min(n, 6) - 1)),
    label: n > 1 ? `${typeLabel(type)} · ${n} sources` : typeLabel(type),
    type: program,
  };
}

/** Canvas labels stop at about 38 characters (the panel has the full name). */
export function shortLabel(label: string, max = 38): string {
  if (label.length <= max) return label;
  const cut = label.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Mixes a hex colour towards white (t = 0 keeps it, 1 is white). */
export function fade(hex: string, t: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1]!, 16);
  const mix = (c: number) => Math.round(c + (255 - c) * t);
  const r = mix((n >> 16) & 255), g = mix((n >> 8) & 255), b = mix(n & 255);
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}
