/**
 * What every reader yields: `RawRecord`s (an entity, source or claim as the
 * file has it, with where it came from), and the `DatasetIssue`s it reports
 * (file, record, line, field, column). The importer validates, counts and
 * writes these records whatever the format (server/import/load.ts).
 */
import path from 'node:path';

export type Section = 'entities' | 'sources' | 'claims';
export const SECTIONS: readonly Section[] = ['entities', 'sources', 'claims'];

export interface RawRecord {
  section: Section;
  /** Path shown to the user (relative to the cwd when possible). */
  file: string;
  index: number;
  line: number | undefined;
  value: unknown;
  /** Line of a field inside the record, when the format can tell. */
  lineOf(field: (string | number)[]): number | undefined;
  /** The column (CSV), property (FtM) or attribute (GEXF, GraphML) a model field came from, for error messages. */
  columnOf?(field: (string | number)[]): string | undefined;
}

/**
 * A validation problem: each names the file, the record (and line where the
 * format has lines) and the field, and says what was expected.
 */
export interface DatasetIssue {
  file: string;
  /** e.g. `claims[3] "c-ncri-part-of-mek"` or `line 12`. */
  record?: string;
  line?: number;
  field?: string;
  /** The column (CSV), property (FtM) or attribute (GEXF, GraphML) as written in the file, when it differs from the model's field. */
  column?: string;
  /** The import option that fixes it (e.g. `status`: the file carries no status, `--status` gives one). */
  option?: string;
  message: string;
}

/** Folders shown under another name (a ZIP archive extracted to a temporary folder). */
const ALIASES = new Map<string, string>();

export function aliasFolder(real: string, shownAs: string): () => void {
  ALIASES.set(path.resolve(real), shownAs);
  return () => ALIASES.delete(path.resolve(real));
}

export function displayPath(p: string): string {
  const abs = path.resolve(p);
  for (const [real, shown] of ALIASES) {
    if (abs.startsWith(real + path.sep)) return `${displayPath(shown)}:${path.relative(real, abs).split(path.sep).join('/')}`;
  }
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
}

/** A record of one section, whose fields all come from one line (CSV rows, JSON lines, graph-file elements). */
export function recordAt(
  section: Section,
  file: string,
  index: number,
  line: number | undefined,
  value: Record<string, unknown>,
  columnOf?: (field: (string | number)[]) => string | undefined,
): RawRecord {
  return { section, file, index, line, value, lineOf: () => line, columnOf };
}
