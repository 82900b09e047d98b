import type { ExportFormat } from '../api/types.ts';

export type ExportScope = 'view' | 'selection';

/** How many times the canvas's size a PNG is drawn at. */
export type PngScale = 1 | 2 | 4;
export const PNG_SCALES: readonly PngScale[] = [1, 2, 4];

/** The export request's `view`: where and how each entity is drawn (GEXF and GraphML write it for Gephi). */
export type { ExportView } from '../api/types.ts';

export interface FormatInfo {
  format: ExportFormat;
  label: string;
  hint: string;
}

/** The server's formats, in menu order. */
export const FORMATS: readonly FormatInfo[] = [
  { format: 'gexf', label: 'GEXF', hint: 'for Gephi and Gephi Lite' },
  { format: 'graphml', label: 'GraphML', hint: 'for yEd, Cytoscape, NetworkX' },
  { format: 'graphology', label: 'JSON', hint: 'graphology serialization' },
  { format: 'csv', label: 'CSV', hint: 'nodes and claims tables, zipped' },
  { format: 'cypher', label: 'Cypher', hint: 'a script that recreates it in Neo4j' },
  { format: 'ftm', label: 'FollowTheMoney', hint: 'for Aleph and OpenSanctions tools' },
  { format: 'markdown', label: 'Sources (Markdown)', hint: 'the sources behind what is shown' },
] as const;
