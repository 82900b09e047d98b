/**
 * claimgraph's own format: YAML/JSON files with `entities:`, `sources:` and
 * `claims:` lists, and `.jsonl` files of one record a line
 * (`{"record": "entity" | "source" | "claim", ...}`). YAML and JSON files are
 * parsed whole (they are written by people); `.jsonl` files are streamed line
 * by line so bulk data never sits in memory.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { displayPath, SECTIONS, type DatasetIssue, type RawRecord, type Section } from '../records.ts';

export interface ParsedYaml {
  doc: Document;
  lines: LineCounter;
}

export async function parseYamlFile(file: string): Promise<{ parsed?: ParsedYaml; issues: DatasetIssue[] }> {
  const text = await readFile(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true });
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => ({
        file: displayPath(file),
        line: e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line,
        message: `not valid YAML/JSON: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  return { parsed: { doc, lines }, issues: [] };
}

function lineAt(doc: Document, lines: LineCounter, p: (string | number)[]): number | undefined {
  for (let n = p.length; n >= 0; n--) {
    const node = doc.getIn(p.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/**
 * Every record of one data file. Structural problems (not a map, unknown
 * top-level key, a section that is not a list) are reported through `onIssue`.
 */
export async function* readFileRecords(file: string, onIssue: (i: DatasetIssue) => void): AsyncGenerator<RawRecord> {
  const shown = displayPath(file);
  if (/\.(jsonl|ndjson)$/i.test(file)) {
    yield* readJsonLines(file, shown, onIssue);
    return;
  }
  const { parsed, issues } = await parseYamlFile(file);
  issues.forEach(onIssue);
  if (!parsed) return;
  const { doc, lines } = parsed;
  const root = doc.contents;
  if (root === null) return;
  if (!isMap(root)) {
    onIssue({ file: shown, line: 1, message: 'expected a map with "entities", "sources" and/or "claims" lists' });
    return;
  }
  for (const pair of root.items) {
    const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
    if (!(SECTIONS as readonly string[]).includes(key)) {
      onIssue({
        file: shown,
        line: lineAt(doc, lines, [key]),
        field: key,
        message: `unknown top-level key; expected one of ${SECTIONS.join(', ')}`,
      });
    }
  }
  // Resolved once for the whole document, so YAML anchors and aliases work.
  const js = (doc.toJS({ maxAliasCount: 1000 }) ?? {}) as Record<string, unknown>;
  for (const section of SECTIONS) {
    const seq = doc.get(section, true);
    if (seq === undefined || seq === null) continue;
    if (!isSeq(seq)) {
      onIssue({ file: shown, line: lineAt(doc, lines, [section]), field: section, message: 'expected a list' });
      continue;
    }
    for (let index = 0; index < seq.items.length; index++) {
      const item = seq.items[index] as { range?: [number, number, number] } | null;
      const value = (js[section] as unknown[] | undefined)?.[index];
      yield {
        section,
        file: shown,
        index,
        line: item?.range ? lines.linePos(item.range[0]).line : undefined,
        value,
        lineOf: (field) => lineAt(doc, lines, [section, index, ...field]),
      };
    }
  }
}

const RECORD_KEY_TO_SECTION: Record<string, Section> = { entity: 'entities', source: 'sources', claim: 'claims' };

async function* readJsonLines(file: string, shown: string, onIssue: (i: DatasetIssue) => void): AsyncGenerator<RawRecord> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  const counters: Record<Section, number> = { entities: 0, sources: 0, claims: 0 };
  for await (const text of rl) {
    lineNo++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      onIssue({ file: shown, line: lineNo, message: `not valid JSON: ${(err as Error).message}` });
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      onIssue({ file: shown, line: lineNo, message: 'expected a JSON object on each line' });
      continue;
    }
    const { record, ...rest } = value as Record<string, unknown>;
    const section = typeof record === 'string' ? RECORD_KEY_TO_SECTION[record] : undefined;
    if (!section) {
      onIssue({
        file: shown,
        line: lineNo,
        field: 'record',
        message: `expected "record" to be one of "entity", "source", "claim"; got ${JSON.stringify(record)}`,
      });
      continue;
    }
    const line = lineNo;
    yield { section, file: shown, index: counters[section]++, line, value: rest, lineOf: () => line };
  }
}
