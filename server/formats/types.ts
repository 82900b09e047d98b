/**
 * A file format, once: one `FormatDescriptor` per format (server/formats/<id>/index.ts),
 * holding its reader (import) and/or its writer (export). The registry
 * (server/formats/index.ts) lists them; the importer's detection and record
 * stream, the export's writer, content type, extension and file name, the API
 * contract's format list, the CLI's choices and the client's export menu all
 * follow from it.
 */
import type { ExportFormat, FormatId, ImportFormat } from '../model/formats.ts';
import type { ClaimStatus } from '../model/statuses.ts';
import type { EntityKind } from '../model/kinds.ts';
import type { RelationType } from '../model/vocabulary.ts';
import type { WriteExport } from './graph.ts';
import type { DatasetNotes } from './notes.ts';
import type { DatasetIssue, RawRecord, Section } from './records.ts';

/** The start of a file, for detection. */
export interface FileProbe {
  file: string;
  /** The file name, lowercased (`people.ftm.json`). */
  name: string;
  /** The first non-blank line (BOM removed), at most the first MiB of the file. */
  firstLine: string;
  /** The first 4 KiB of text (XML formats look past a prolog or comment). */
  head: string;
}

/** How sure a reader is that a file is in its format. */
export const DETECT = {
  /** Not this format. */
  NO: 0,
  /** The default for files nothing else claims. */
  FALLBACK: 1,
  /** The file's name says so. */
  NAME: 2,
  /** The file's content says so. */
  CONTENT: 3,
} as const;

/**
 * What a user states about data a file cannot carry (a Gephi file has no
 * statuses, sources or quotes): `--status`, `--kind`, `--type` on the CLI.
 */
export interface ReaderOptions {
  /** The status of every claim the file gives none (GEXF, GraphML: required when some edge has none). */
  status?: ClaimStatus;
  /** The kind of every entity the file gives none. */
  kind?: Exclude<EntityKind, 'source'>;
  /** The relationship type of every claim the file gives none. */
  type?: RelationType;
}

/** One data file of a dataset, as the importer plans to read it. */
export interface DataInput {
  file: string;
  format: ImportFormat;
  /** For CSV: which section the file holds. */
  role?: Section;
  /** For a CSV entities file next to a sources file: rows of kind "source" are read from the sources file only. */
  skipSourceRows?: boolean;
  /** The sections the file holds, once validation has read it (the writer reads it only for those). */
  sections?: Section[];
}

/** What a reader's first pass over a file may use. */
export interface PrepareContext {
  /** The dataset's name (ids of what the file implies, such as the source standing for the file). */
  dataset: string;
  /** Which of these ids the database already has (references to them are not dangling). */
  knownIds?: (ids: string[]) => Promise<Set<string>>;
  options: ReaderOptions;
}

export interface FormatReader<State = unknown> {
  /** File name endings a folder's files are read for (lowercase, with the dot). */
  extensions: readonly string[];
  /** How sure the reader is that the file is in its format (a DETECT value); the most sure reader wins, ties by registry order. */
  detect(probe: FileProbe): number;
  /** The options of ReaderOptions this format uses (others given for a dataset without such files are a usage error). */
  options?: readonly (keyof ReaderOptions)[];
  /** A first look at one file when the dataset is listed (CSV: which section it holds), or why it cannot be read. */
  inspect?(file: string): Promise<Partial<DataInput> | { issue: DatasetIssue }>;
  /** Runs once over every input of this format after listing (CSV: a sources file takes the source rows of an entities file). */
  arrange?(inputs: DataInput[]): void;
  /** Place of an input among all inputs (lower first; default 0): CSV entities before sources before claims. */
  order?(input: DataInput): number;
  /** A first pass over the file before its records are read (FtM: ids and names; GEXF: the parsed document). */
  prepare?(input: DataInput, ctx: PrepareContext, onIssue: (i: DatasetIssue) => void): Promise<State>;
  /** Every record of the file. Called once per pass (validation, writing), so it reads afresh each time. */
  records(input: DataInput, state: State, onIssue: (i: DatasetIssue) => void): AsyncGenerator<RawRecord>;
  /** What the file had that the model does not take in, after a full pass of `records`. */
  notes?(state: State): DatasetNotes;
}

export interface FormatWriter {
  /** The HTTP content type, e.g. `application/gexf+xml; charset=utf-8`. */
  contentType: string;
  /** The file name's extension, with its dot: `.gexf`, `.csv.zip`. */
  extension: string;
  /** Bytes, not text (a ZIP): not written to a terminal. */
  binary?: boolean;
  write: WriteExport;
}

export interface FormatDescriptor {
  id: FormatId;
  /** A short name: `GEXF`, `FollowTheMoney`. */
  label: string;
  /** What the format is for, in a few words (menus, help). */
  hint: string;
  reader?: FormatReader;
  writer?: FormatWriter;
}

/** A descriptor with a reader or a writer, as the registry hands them out. */
export type ImportDescriptor = FormatDescriptor & { id: ImportFormat; reader: FormatReader };
export type ExportDescriptor = FormatDescriptor & { id: ExportFormat; writer: FormatWriter };
