/** What every writer knows about the export besides its data. */
import type { ExportFormat, Selection } from '../kernel/contract.ts';

export interface ExportMeta {
  format: ExportFormat;
  selection: Selection;
  /** ISO 8601 timestamp of the export. */
  exportedAt: string;
}
