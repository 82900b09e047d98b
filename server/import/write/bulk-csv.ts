/**
 * The bulk strategy's input files: validated records written as the CSV
 * Neo4j's batch importer reads (what `neo4j-admin database import full`
 * takes), one group of files per node label set and per relationship type,
 * each with its own header file:
 *
 *   header  id:ID,name,aliases:string[],count:double,anonymous:boolean,...
 *   data    "org-1","Front ""A""","alias 1␟alias 2",40,false,...
 *
 * Every property comes from the functions the transactional strategies use
 * (props.ts: entityProps, claimProps, datasetProps), so both write the same
 * graph; this module only maps each value to a typed column:
 * - a string to `string` (always quoted, quotes doubled); a number to
 *   `double` (the driver sends every JavaScript number as a float, so the
 *   transactional path stores FLOAT too); a boolean to `boolean`; a list of
 *   strings, numbers or booleans to `string[]`, `double[]`, `boolean[]`,
 *   elements joined by U+001F;
 * - what the CSV cannot say is encoded for the launcher's ListValues
 *   (launcher/src/main/java/.../ListValues.java) to read back: an empty list
 *   is named in the row's `@empty` column (the importer drops empty values),
 *   and a string-list element holding a backslash or U+001F, or a list that
 *   is one empty string, is escaped (`\\`, `\d`, `\e`);
 * - columns are added to a group's header as properties appear; rows written
 *   before a column existed simply end earlier (the importer reads missing
 *   trailing fields as absent). A value whose type differs from its column's
 *   (an extra property that is a number in one record and a string in
 *   another) goes to another file of the group with its own header;
 * - rows with a line break inside a value go to files of their own, which the
 *   importer reads sequentially (multiline); the others it splits into
 *   chunks read in parallel.
 *
 * Files are written synchronously in 1 MiB blocks: the writer runs in the
 * import's parsing loop, and a write to the page cache costs less than
 * handing it to a stream.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Claim, Entity, Source } from '../../model/dataset.ts';
import { claimProps, entityProps, labelOf, type Props } from './props.ts';

/** The array delimiter (U+001F, unit separator), passed to the importer. */
export const ARRAY_DELIMITER = '\u001f';
/** The column that names a row's empty lists (ListValues.EMPTY_LISTS_COLUMN). */
export const EMPTY_LISTS_COLUMN = '@empty';

type ColumnType = 'string' | 'double' | 'boolean' | 'string[]' | 'double[]' | 'boolean[]';

/** One group of files for the importer: `--nodes=Entity:Person=header,data...` or `--relationships=TYPE=header,data...`. */
export interface BulkFileGroup {
  kind: 'nodes' | 'relationships';
  /** Labels of the nodes, or the relationship type. */
  names: string[];
  header: string;
  data: string;
  /** Values span lines: the importer must read this file sequentially. */
  multiline: boolean;
  rows: number;
}

export interface BulkFiles {
  dir: string;
  groups: BulkFileGroup[];
  nodes: number;
  relationships: number;
  /** Properties written (the summary's `propertiesSet`, as a transactional import counts them). */
  properties: number;
  bytes: number;
}

const BLOCK = 1 << 20;
const MULTILINE = /[\r\n]/;

class Layout {
  readonly columns: { key: string; type: ColumnType }[] = [];
  readonly index = new Map<string, number>();
  rows = 0;
  bytes = 0;
  private fd: number;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(
    readonly group: { kind: 'nodes' | 'relationships'; names: string[] },
    readonly header: string,
    readonly data: string,
    readonly multiline: boolean,
    /** The leading columns every row has (`id:ID`, or `:START_ID,:END_ID`). */
    readonly lead: string[],
  ) {
    this.fd = openSync(data, 'w');
  }

  /** The column of `key` with `type`: its index, a new one at the end, or -1 when the key has another type here. */
  column(key: string, type: ColumnType): number {
    const i = this.index.get(key);
    if (i !== undefined) return this.columns[i]!.type === type ? i : -1;
    this.columns.push({ key, type });
    this.index.set(key, this.columns.length - 1);
    return this.columns.length - 1;
  }

  /** Whether every (key, type) of the row fits (its keys absent or of the same type). */
  fits(cells: Cell[]): boolean {
    for (const c of cells) {
      const i = this.index.get(c.key);
      if (i !== undefined && this.columns[i]!.type !== c.type) return false;
    }
    return true;
  }

  write(lead: string, cells: Cell[]): void {
    const fields: string[] = [];
    for (const c of cells) fields[this.column(c.key, c.type)] = c.text;
    let line = lead;
    for (let i = 0; i < fields.length; i++) line += (i > 0 || this.lead.length > 0 ? ',' : '') + (fields[i] ?? '');
    line += '\n';
    this.buffer.push(line);
    this.buffered += line.length;
    this.rows++;
    if (this.buffered >= BLOCK) this.flush();
  }

  flush(): void {
    if (!this.buffer.length) return;
    const text = this.buffer.join('');
    this.bytes += writeSync(this.fd, text);
    this.buffer = [];
    this.buffered = 0;
  }

  close(): BulkFileGroup {
    this.flush();
    closeSync(this.fd);
    const names = [...this.lead, ...this.columns.map((c) => (c.type === 'string' ? c.key : `${c.key}:${c.type}`))];
    const fd = openSync(this.header, 'w');
    writeSync(fd, names.join(',') + '\n');
    closeSync(fd);
    return { kind: this.group.kind, names: this.group.names, header: this.header, data: this.data, multiline: this.multiline, rows: this.rows };
  }
}

interface Cell {
  key: string;
  type: ColumnType;
  text: string;
}

/** A string field: quoted, quotes doubled. */
function quote(s: string): string {
  return '"' + (s.includes('"') ? s.replaceAll('"', '""') : s) + '"';
}

/** A JavaScript number as the importer parses a double (shortest round-trip form; -0 kept). */
function double(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cannot write ${n} as a number`);
  return Object.is(n, -0) ? '-0.0' : String(n);
}

/** A string-list element, escaped where ListValues must read it back. */
function element(s: string): string {
  if (s === '') return '\\e';
  if (!s.includes('\\') && !s.includes(ARRAY_DELIMITER)) return s;
  return s.replaceAll('\\', '\\\\').replaceAll(ARRAY_DELIMITER, '\\d');
}

/**
 * Writes the records of one import into `dir` (created), then `finish()`
 * closes the files and writes the headers. A value that no column type can
 * hold throws: the caller then writes nothing.
 */
export class BulkCsvWriter {
  private readonly groups = new Map<string, Layout[]>();
  private files = 0;
  private nodes = 0;
  private relationships = 0;
  private properties = 0;

  constructor(
    readonly dir: string,
    private readonly dataset: string,
    /** Starts every file name: writers sharing a folder use different ones. */
    private readonly prefix = '',
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** An entity or source, with the properties entityProps gives it. */
  node(e: Entity | Source): void {
    const props = entityProps(e, this.dataset);
    const { id, ...rest } = props;
    this.row('nodes', ['Entity', labelOf(e)], ['id:ID'], quote(String(id)), rest, true);
    this.nodes++;
  }

  /** A claim, with the properties claimProps gives it. */
  claim(c: Claim): void {
    this.row('relationships', [c.type], [':START_ID', ':END_ID'], `${quote(c.from)},${quote(c.to)}`, claimProps(c, this.dataset), false);
    this.relationships++;
  }

  /** A node without an importer id (the :Dataset node), with the properties given. */
  plainNode(labels: string[], props: Props): void {
    this.row('nodes', labels, [], '', props, true);
    this.nodes++;
  }

  finish(): BulkFiles {
    const groups: BulkFileGroup[] = [];
    let bytes = 0;
    for (const layouts of this.groups.values()) {
      for (const l of layouts) {
        groups.push(l.close());
        bytes += l.bytes;
      }
    }
    return { dir: this.dir, groups, nodes: this.nodes, relationships: this.relationships, properties: this.properties, bytes };
  }

  private row(kind: 'nodes' | 'relationships', names: string[], lead: string[], leadText: string, props: Props, isNode: boolean): void {
    let multiline = MULTILINE.test(leadText);
    const cells: Cell[] = [];
    const empty: string[] = [];
    for (const key in props) {
      const v = props[key];
      if (v === undefined || v === null) continue;
      const cell = this.cell(key, v, empty);
      if (!cell) continue;
      if (cell.type === 'string' || cell.type === 'string[]') multiline ||= MULTILINE.test(cell.text);
      cells.push(cell);
      this.properties++;
    }
    if (isNode) this.properties++; // the id column is the `id` property
    if (empty.length) cells.push({ key: EMPTY_LISTS_COLUMN, type: 'string[]', text: quote(empty.join(ARRAY_DELIMITER)) });
    const layout = this.layout(kind, names, lead, multiline, cells);
    layout.write(leadText, cells);
  }

  private cell(key: string, v: unknown, empty: string[]): Cell | undefined {
    switch (typeof v) {
      case 'string':
        return { key, type: 'string', text: quote(v) };
      case 'number':
        return { key, type: 'double', text: double(v) };
      case 'boolean':
        return { key, type: 'boolean', text: v ? 'true' : 'false' };
      default:
        break;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) {
        empty.push(key);
        this.properties++;
        return undefined;
      }
      const kinds = new Set(v.map((x) => typeof x));
      if (kinds.size === 1 && kinds.has('string')) return { key, type: 'string[]', text: quote((v as string[]).map(element).join(ARRAY_DELIMITER)) };
      if (kinds.size === 1 && kinds.has('number')) return { key, type: 'double[]', text: (v as number[]).map(double).join(ARRAY_DELIMITER) };
      if (kinds.size === 1 && kinds.has('boolean')) return { key, type: 'boolean[]', text: (v as boolean[]).map((b) => (b ? 'true' : 'false')).join(ARRAY_DELIMITER) };
    }
    throw new Error(`property "${key}": a ${Array.isArray(v) ? 'list of mixed values' : typeof v} cannot be written for the bulk importer`);
  }

  /** The group's first file whose columns fit the row, or a new one. */
  private layout(kind: 'nodes' | 'relationships', names: string[], lead: string[], multiline: boolean, cells: Cell[]): Layout {
    const key = `${kind}:${names.join(':')}:${lead.length}`;
    let layouts = this.groups.get(key);
    if (!layouts) this.groups.set(key, (layouts = []));
    for (const l of layouts) if (l.multiline === multiline && l.fits(cells)) return l;
    const n = this.files++;
    const base = `${this.prefix}${kind === 'nodes' ? 'n' : 'r'}${n}-${names.at(-1)!.toLowerCase()}${multiline ? '-multiline' : ''}`;
    const l = new Layout({ kind, names }, path.join(this.dir, `${base}.header.csv`), path.join(this.dir, `${base}.csv`), multiline, lead);
    layouts.push(l);
    return l;
  }
}

/** The files of two writers of one import (the records, and the :Dataset node) as one set. */
export function mergeFiles(a: BulkFiles, b: BulkFiles): BulkFiles {
  return {
    dir: a.dir,
    groups: [...a.groups, ...b.groups],
    nodes: a.nodes + b.nodes,
    relationships: a.relationships + b.relationships,
    properties: a.properties + b.properties,
    bytes: a.bytes + b.bytes,
  };
}
