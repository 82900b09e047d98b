/**
 * The client's view (ExportView: positions, sizes, colours as the canvas
 * draws them) as the graph formats write it: colours parsed once into
 * red/green/blue (and alpha) for GEXF's `viz:color`, and as `#rrggbb` for
 * GraphML's `color` key (what Gephi's GraphML importer and graphology-graphml
 * read).
 */
import type { ExportView } from '../kernel/contract.ts';

export interface Rgba {
  r: number;
  g: number;
  b: number;
  /** 0..1; absent when opaque. */
  a?: number;
}

/** A colour the contract accepts (#rgb, #rrggbb, #rrggbbaa, rgb(), rgba()), or undefined. */
export function parseColor(color: string | undefined): Rgba | undefined {
  if (!color) return undefined;
  let m = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(color);
  if (m) {
    const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
    const byte = (i: number) => parseInt(hex.slice(i, i + 2), 16);
    return hex.length === 8 ? { r: byte(0), g: byte(2), b: byte(4), a: Math.round((byte(6) / 255) * 1000) / 1000 } : { r: byte(0), g: byte(2), b: byte(4) };
  }
  m = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*([\d.]+)\s*)?\)$/.exec(color);
  if (!m) return undefined;
  const c = (s: string) => Math.min(255, Number(s));
  const rgb = { r: c(m[1]!), g: c(m[2]!), b: c(m[3]!) };
  return m[4] === undefined ? rgb : { ...rgb, a: Math.min(1, Number(m[4])) };
}

export function hexColor(c: Rgba): string {
  return `#${[c.r, c.g, c.b].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}

/** What the view says of one node or edge. */
export interface Drawn {
  x?: number;
  y?: number;
  size?: number;
  color?: Rgba;
}

/** Lookups into a view (empty when there is none). */
export class ViewLookup {
  private readonly nodes: Map<string, Drawn>;
  private readonly edges: Map<string, Drawn>;

  constructor(view: ExportView | undefined) {
    this.nodes = new Map(Object.entries(view?.nodes ?? {}).map(([id, v]) => [id, { x: v.x, y: v.y, size: v.size, color: parseColor(v.color) }]));
    this.edges = new Map(Object.entries(view?.edges ?? {}).map(([id, v]) => [id, { size: v.size, color: parseColor(v.color) }]));
  }

  get empty(): boolean {
    return this.nodes.size === 0 && this.edges.size === 0;
  }

  node(id: string): Drawn | undefined {
    return this.nodes.get(id);
  }

  edge(id: string): Drawn | undefined {
    return this.edges.get(id);
  }

  hasNodeColors(): boolean {
    return [...this.nodes.values()].some((d) => d.color);
  }

  hasNodeSizes(): boolean {
    return [...this.nodes.values()].some((d) => d.size !== undefined);
  }

  hasEdgeColors(): boolean {
    return [...this.edges.values()].some((d) => d.color);
  }
}
