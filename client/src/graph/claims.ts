/**
 * The claims on the canvas, held compactly. A big view holds 125,000 claims:
 * kept as the API sent them, each was an object with a properties object,
 * a dozen strings and a datasets array, and the live heap was twice a bare
 * sigma.js page's, so every major garbage collection during drawing took
 * longer. Here a claim is one flat object (ClaimRef) holding what drawing and
 * the filters read: its type, ends, status and source id interned (one
 * string per distinct value), its years and datasets worked out once; its
 * quote and properties stay one JSON text until the evidence panel asks for
 * the claim (`full`).
 */
import type { GraphEdge } from '../api/types.ts';
import { claimYears } from './dates.ts';

export interface ClaimRef {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly target: string;
  readonly status: string | null;
  readonly sourceId: string | null;
  /** The years it speaks of (claimYears), null when undated. */
  readonly years: { readonly from: number; readonly to: number } | null;
  /** The datasets it came from (interned: claims of the same datasets share the list). */
  readonly datasets: readonly string[];
  /** `[quote, properties]` as JSON. */
  readonly rest: string;
}

const NO_DATASETS: readonly string[] = Object.freeze([]);

export class ClaimTable {
  private readonly refs = new Map<string, ClaimRef>();
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<string, readonly string[]>();

  get size(): number {
    return this.refs.size;
  }

  has(id: string): boolean {
    return this.refs.has(id);
  }

  get(id: string): ClaimRef | undefined {
    return this.refs.get(id);
  }

  values(): IterableIterator<ClaimRef> {
    return this.refs.values();
  }

  keys(): IterableIterator<string> {
    return this.refs.keys();
  }

  /** Keeps a claim as the API sent it, compacted. */
  add(c: GraphEdge): ClaimRef {
    const ref = this.compact(c);
    this.refs.set(ref.id, ref);
    return ref;
  }

  /** Keeps a claim already compacted (a snapshot's). */
  put(ref: ClaimRef): void {
    this.refs.set(ref.id, ref);
  }

  delete(id: string): void {
    this.refs.delete(id);
  }

  clear(): void {
    this.refs.clear();
  }

  /** A claim as the API sent it. */
  static full(ref: ClaimRef): GraphEdge {
    const [quote, properties] = JSON.parse(ref.rest) as [string | null, GraphEdge['properties']];
    return { id: ref.id, type: ref.type, source: ref.source, target: ref.target, status: ref.status, sourceId: ref.sourceId, quote, properties };
  }

  private intern(s: string): string;
  private intern(s: string | null): string | null;
  private intern(s: string | null): string | null {
    if (s === null) return null;
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  private datasetsOf(properties: GraphEdge['properties']): readonly string[] {
    const ds = properties.datasets;
    if (!Array.isArray(ds) || ds.length === 0) return NO_DATASETS;
    const list = ds.map(String);
    const key = JSON.stringify(list);
    let known = this.lists.get(key);
    if (!known) {
      known = Object.freeze(list.map((d) => this.intern(d)));
      this.lists.set(key, known);
    }
    return known;
  }

  private compact(c: GraphEdge): ClaimRef {
    return {
      id: c.id,
      type: this.intern(c.type),
      source: this.intern(c.source),
      target: this.intern(c.target),
      status: this.intern(c.status),
      sourceId: this.intern(c.sourceId),
      years: claimYears(c) ?? null,
      datasets: this.datasetsOf(c.properties),
      rest: JSON.stringify([c.quote, c.properties]),
    };
  }
}
