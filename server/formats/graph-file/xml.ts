/**
 * Reading a GEXF or GraphML file for import: checked well-formed first
 * (fast-xml-parser's validator names the line and column of the first
 * fault), parsed once into a DOM (@xmldom/xmldom, the parser graphology-gexf
 * and graphology-graphml use in Node, with its locator on so each element
 * knows its line), whose node and edge elements are then checked (ids
 * present and unique, edges between nodes of the file) before graphology's
 * parser reads their attributes from the same document.
 *
 * The whole file is held in memory (a DOM is several times the file's size),
 * so files are limited to MAX_BYTES; larger graphs go better as CSV or JSON
 * lines. No DTD entity is expanded and nothing external is fetched.
 */
import { readFile, stat } from 'node:fs/promises';
import { DOMParser } from '@xmldom/xmldom';
import { XMLValidator } from 'fast-xml-parser';
import type { DatasetIssue } from '../records.ts';

export const MAX_BYTES = 256 * 1024 * 1024;

/** A node or edge element, with where it is. */
export interface Located {
  element: Element;
  /** 1-based line of its start tag. */
  line: number;
  id: string;
}

export interface XmlGraph {
  doc: Document;
  text: string;
  nodes: Located[];
  edges: (Located & { source: string; target: string })[];
}

interface Position {
  lineNumber?: number;
  columnNumber?: number;
}

function lineOf(el: Element): number {
  return (el as unknown as Position).lineNumber ?? 0;
}

function elements(doc: Document, tag: string): Element[] {
  const list = doc.getElementsByTagName(tag);
  const out: Element[] = [];
  for (let i = 0; i < list.length; i++) out.push(list.item(i)!);
  return out;
}

/** The text of the file, or why it cannot be read. */
async function readText(file: string, shown: string): Promise<{ text?: string; issue?: DatasetIssue }> {
  const size = (await stat(file)).size;
  if (size > MAX_BYTES) {
    return { issue: { file: shown, message: `${Math.round(size / 1048576)} MiB: graph files are read whole, up to ${MAX_BYTES / 1048576} MiB; export larger graphs as CSV or JSON lines` } };
  }
  const text = (await readFile(file, 'utf8')).replace(/^\ufeff/, '');
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { issue: { file: shown, line: valid.err.line, message: `not well-formed XML (column ${valid.err.col}): ${valid.err.msg}` } };
  return { text };
}

/**
 * Parses and checks a graph file whose root element is `root`: every issue
 * found goes to `onIssue`; undefined when the file cannot be read on.
 */
export async function parseGraphXml(file: string, shown: string, root: 'gexf' | 'graphml', onIssue: (i: DatasetIssue) => void): Promise<XmlGraph | undefined> {
  const { text, issue } = await readText(file, shown);
  if (issue || text === undefined) {
    if (issue) onIssue(issue);
    return undefined;
  }
  const problems: DatasetIssue[] = [];
  const report = (message: string) => {
    const m = /@#\[line:(\d+),col:(\d+)\]/.exec(message);
    problems.push({ file: shown, line: m ? Number(m[1]) : undefined, message: `not valid XML: ${message.replace(/\[xmldom \w+\]\s*/, '').replace(/\n?@#\[.*$/s, '')}` });
  };
  const doc = new DOMParser({ locator: {}, errorHandler: { warning: report, error: report, fatalError: report } }).parseFromString(text, 'application/xml');
  if (problems.length) {
    problems.forEach(onIssue);
    return undefined;
  }
  const top = doc.documentElement;
  if (!top || top.localName !== root) {
    onIssue({ file: shown, line: top ? lineOf(top) : 1, message: `expected a <${root}> document; the root element is <${top?.tagName ?? 'none'}>` });
    return undefined;
  }
  if (elements(doc, 'graph').length === 0) {
    onIssue({ file: shown, message: `no <graph> element in this ${root === 'gexf' ? 'GEXF' : 'GraphML'} file` });
    return undefined;
  }
  return checkElements(doc, text, shown, onIssue);
}

/** Node and edge elements: ids present and unique, endpoints in the file. Edges without an id get `#<n>` (their place). */
function checkElements(doc: Document, text: string, shown: string, onIssue: (i: DatasetIssue) => void): XmlGraph | undefined {
  let ok = true;
  const fail = (i: DatasetIssue) => {
    ok = false;
    onIssue(i);
  };
  const nodes: Located[] = [];
  const seen = new Map<string, number>();
  for (const element of elements(doc, 'node')) {
    const id = element.getAttribute('id') ?? '';
    const line = lineOf(element);
    if (id === '') fail({ file: shown, line, record: 'node', field: 'id', message: 'a node without an id' });
    else if (seen.has(id)) fail({ file: shown, line, record: `node "${id}"`, field: 'id', message: `duplicate node id "${id}", first at line ${seen.get(id)}` });
    else {
      seen.set(id, line);
      nodes.push({ element, line, id });
    }
  }
  const edges: XmlGraph['edges'] = [];
  const edgeIds = new Map<string, number>();
  elements(doc, 'edge').forEach((element, n) => {
    const line = lineOf(element);
    let id = element.getAttribute('id') ?? '';
    if (id === '') {
      id = `#${n + 1}`;
      element.setAttribute('id', id);
    } else if (edgeIds.has(id)) {
      fail({ file: shown, line, record: `edge "${id}"`, field: 'id', message: `duplicate edge id "${id}", first at line ${edgeIds.get(id)}` });
      return;
    }
    edgeIds.set(id, line);
    const source = element.getAttribute('source') ?? '';
    const target = element.getAttribute('target') ?? '';
    for (const [field, ref] of [['source', source], ['target', target]] as const) {
      if (!seen.has(ref)) fail({ file: shown, line, record: `edge "${id}"`, field, message: ref ? `"${ref}" is not the id of a node in this file` : `an edge without a ${field}` });
    }
    edges.push({ element, line, id, source, target });
  });
  return ok ? { doc, text, nodes, edges } : undefined;
}

/** Offsets of the start of each line (1-based lines: `starts[line - 1]`). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The element as the file writes it, from its start tag to its end tag
 * (verbatim: the text a claim citing the file quotes). Found from the
 * element's position (line and column of its `<`), its start tag read with
 * quoted values skipped, then its end tag (`/>`, or `</name>`).
 */
export function elementText(text: string, starts: readonly number[], el: Element): string | undefined {
  const pos = el as unknown as Position;
  if (!pos.lineNumber || !pos.columnNumber) return undefined;
  const from = (starts[pos.lineNumber - 1] ?? 0) + pos.columnNumber - 1;
  if (text[from] !== '<') return undefined;
  let quote = '';
  let i = from + 1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') break;
  }
  if (i >= text.length) return undefined;
  if (text[i - 1] === '/') return text.slice(from, i + 1);
  const close = new RegExp(`</${el.tagName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*>`, 'g');
  close.lastIndex = i + 1;
  const m = close.exec(text);
  return m ? text.slice(from, m.index + m[0].length) : undefined;
}
