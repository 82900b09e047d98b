/**
 * FollowTheMoney (Aleph, OpenSanctions): entity files read in two passes
 * (prepare.ts, read.ts; the mapping in schema.ts) and written one entity a
 * line (write.ts), with shared ids (ids.ts) so an export reads back.
 */
import { DETECT, type FormatDescriptor, type FormatReader } from '../types.ts';
import { indexFtmFile, type FtmIndex } from './prepare.ts';
import { readFtmRecords } from './read.ts';
import { looksLikeFtm } from './schema.ts';
import { writeFtm } from './write.ts';

function firstLineIsFtm(line: string): boolean {
  if (!line.trim().startsWith('{')) return false;
  try {
    return looksLikeFtm(JSON.parse(line));
  } catch {
    return false; // a JSON document spread over lines
  }
}

const reader: FormatReader<FtmIndex> = {
  extensions: ['.ijson', '.ftm'],
  // A first line that is a JSON object with `schema` and `id`; else the name (.ijson, .ftm).
  detect: (p) => (firstLineIsFtm(p.firstLine) ? DETECT.CONTENT : /\.(ijson|ftm)$/.test(p.name) ? DETECT.NAME : DETECT.NO),
  prepare: (input, ctx) => indexFtmFile(input.file, { dataset: ctx.dataset, knownIds: ctx.knownIds }),
  records: (_input, idx, onIssue) => readFtmRecords(idx, onIssue),
  notes: (idx) => idx.notes,
};

export const ftm: FormatDescriptor = {
  id: 'ftm',
  label: 'FollowTheMoney',
  hint: 'for Aleph and OpenSanctions tools',
  reader,
  writer: { contentType: 'application/x-ndjson; charset=utf-8', extension: '.ftm.json', write: writeFtm },
};
