/**
 * CSV: datasets made in spreadsheets (entities.csv, claims.csv, sources.csv:
 * read.ts, columns.ts), and the export's ZIP of nodes.csv, edges.csv and
 * sources.csv (write.ts), which reads back as a dataset.
 */
import { displayPath } from '../records.ts';
import { DETECT, type FormatDescriptor } from '../types.ts';
import { csvRole } from './columns.ts';
import { readCsvRecords } from './read.ts';
import { writeCsvZip } from './write.ts';

/** CSV entities before sources before claims, so references read in order. */
const ROLE_ORDER = { entities: 0, sources: 1, claims: 2 } as const;

export const csv: FormatDescriptor = {
  id: 'csv',
  label: 'CSV',
  hint: 'nodes and claims tables, zipped',
  reader: {
    extensions: ['.csv', '.tsv'],
    detect: (p) => (/\.(csv|tsv)$/.test(p.name) ? DETECT.CONTENT : DETECT.NO),
    async inspect(file) {
      const role = await csvRole(file);
      if (role) return { role };
      return {
        issue: { file: displayPath(file), line: 1, message: 'cannot tell whether this CSV file holds entities, claims or sources: name it entities.csv, claims.csv or sources.csv' },
      };
    },
    arrange(inputs) {
      if (!inputs.some((i) => i.role === 'sources')) return;
      for (const i of inputs) if (i.role === 'entities') i.skipSourceRows = true;
    },
    order: (input) => ROLE_ORDER[input.role ?? 'entities'],
    records: (input, _state, onIssue) => readCsvRecords(input.file, { role: input.role, skipSourceRows: input.skipSourceRows, onIssue }),
  },
  writer: { contentType: 'application/zip', extension: '.csv.zip', binary: true, write: writeCsvZip },
};
