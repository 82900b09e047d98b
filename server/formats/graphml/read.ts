/**
 * GraphML import (yEd, Cytoscape, NetworkX, igraph, Gephi): graphology-graphml
 * reads the keys and values; lists claimgraph's export writes as JSON arrays
 * (keys whose description says "JSON array") are decoded, yEd's graphics
 * keys dropped (a yEd node's label taken from its NodeLabel); graph-file/
 * turns nodes into entities and edges into claims citing the file.
 */
import type { MultiGraph } from 'graphology';
import { parse } from 'graphology-graphml';
import type { GraphFileFormat } from '../graph-file/reader.ts';
import type { XmlGraph } from '../graph-file/xml.ts';

interface Keys {
  /** attr.name of keys holding JSON arrays. */
  lists: Set<string>;
  /** ids of yEd graphics keys (their value is drawing, not data). */
  graphics: Set<string>;
}

const KEYS = new WeakMap<Document, Keys>();

function keysOf(xml: XmlGraph): Keys {
  let k = KEYS.get(xml.doc);
  if (k) return k;
  k = { lists: new Set(), graphics: new Set() };
  const list = xml.doc.getElementsByTagName('key');
  for (let i = 0; i < list.length; i++) {
    const el = list.item(i)!;
    const desc = el.getElementsByTagName('desc').item(0)?.textContent ?? '';
    const name = el.getAttribute('attr.name');
    if (name && desc.startsWith('JSON array')) k.lists.add(name);
    if (el.getAttribute('yfiles.type') || !name) k.graphics.add(el.getAttribute('id') ?? '');
  }
  KEYS.set(xml.doc, k);
  return k;
}

function clean(attrs: Record<string, unknown>, xml: XmlGraph): Record<string, unknown> {
  const k = keysOf(xml);
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(attrs)) {
    if (k.graphics.has(name) || name === 'null' || name === 'undefined') continue;
    if (k.lists.has(name) && typeof v === 'string') {
      try {
        out[name] = JSON.parse(v) as unknown;
        continue;
      } catch {
        // not JSON after all: kept as written
      }
    }
    out[name] = v;
  }
  return out;
}

function yedLabel(el: Element): string | undefined {
  const labels = el.getElementsByTagNameNS('*', 'NodeLabel');
  const t = labels.length ? labels.item(0)!.textContent?.trim() : undefined;
  return t || undefined;
}

export const GRAPHML_FILE: GraphFileFormat = {
  name: 'GraphML',
  root: 'graphml',
  extension: '.graphml',
  parse: (Graph, doc) => parse(Graph, doc) as MultiGraph,
  meta: (_graph, xml) => {
    const top = xml.doc.documentElement!;
    let desc: string | undefined;
    for (let c = top.firstChild; c; c = c.nextSibling) if (c.nodeType === 1 && (c as Element).localName === 'desc') desc = c.textContent?.trim();
    return { byClaimgraph: desc?.startsWith('claimgraph export') === true, description: desc };
  },
  nodeAttributes: (attrs, el, xml) => {
    const out = clean(attrs, xml);
    const label = out.label === undefined ? yedLabel(el) : undefined;
    return label ? { ...out, label } : out;
  },
  edgeAttributes: (attrs, _el, xml) => clean(attrs, xml),
};
