import type { ExportFormat } from '../api/types.ts';

export type ExportScope = 'view' | 'selection';

export interface FormatInfo {
  format: ExportFormat;
  label: string;
  hint: string;
}

/**
 * The menu's entry for each of the server's export formats (the contract's
 * list, server/model/formats.ts): a format without an entry here, or an
 * entry for no format, is a type error. The labels are the registry's
 * (server/formats/<id>/index.ts; tests/unit/formats.test.ts compares them).
 */
const MENU: { [F in ExportFormat]: Omit<FormatInfo, 'format'> } = {
  gexf: { label: 'GEXF', hint: 'for Gephi and Gephi Lite' },
  graphml: { label: 'GraphML', hint: 'for yEd, Cytoscape, NetworkX' },
  graphology: { label: 'JSON', hint: 'graphology serialization' },
  csv: { label: 'CSV', hint: 'nodes and claims tables, zipped' },
  cypher: { label: 'Cypher', hint: 'a script that recreates it in Neo4j' },
  ftm: { label: 'FollowTheMoney', hint: 'for Aleph and OpenSanctions tools' },
  markdown: { label: 'Sources (Markdown)', hint: 'the sources behind what is shown' },
  native: { label: 'claimgraph dataset', hint: 'JSON lines that claimgraph import reads back' },
};

/** The server's formats, in menu order. */
export const FORMATS: readonly FormatInfo[] = (Object.keys(MENU) as ExportFormat[]).map((format) => ({ format, ...MENU[format] }));
