/** claimgraph's own format: YAML/JSON files and JSON lines (read.ts); exported as JSON lines (write.ts). */
import { DETECT, type FormatDescriptor } from '../types.ts';
import { readFileRecords } from './read.ts';
import { writeNative } from './write.ts';

export const native: FormatDescriptor = {
  id: 'native',
  label: 'claimgraph dataset',
  hint: 'JSON lines that claimgraph import reads back',
  reader: {
    extensions: ['.yaml', '.yml', '.json', '.jsonl', '.ndjson'],
    // YAML is always this format; any other file is, when no other format claims it.
    detect: (p) => (/\.ya?ml$/.test(p.name) ? DETECT.CONTENT : DETECT.FALLBACK),
    records: (input, _state, onIssue) => readFileRecords(input.file, onIssue),
  },
  writer: { contentType: 'application/x-ndjson; charset=utf-8', extension: '.jsonl', write: writeNative },
};
