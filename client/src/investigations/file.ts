/**
 * Investigation files: reading one the user picked or dropped (validated with
 * the shared zod schema, loaded on demand so zod stays out of the main
 * bundle), and writing one.
 */
import type { InvestigationDocument, ParseResult } from './types.ts';

export const FILE_SUFFIX = '.claimgraph.json';
/** Files larger than this are refused before reading (a 50k-entity view is about 30 MB). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** Validates a document (from a file or the server) with the shared schema. */
export async function validate(raw: unknown): Promise<ParseResult> {
  const { parseInvestigation } = await import('../../../shared/investigation/schema.ts');
  return parseInvestigation(raw);
}

export async function readInvestigationFile(file: File): Promise<ParseResult> {
  if (file.size > MAX_FILE_BYTES) {
    const message = `the file is ${Math.round(file.size / 1048576)} MB; investigations up to ${MAX_FILE_BYTES / 1048576} MB open here`;
    return { ok: false, message, issues: [{ path: '(document)', message }] };
  }
  const { parseInvestigationText } = await import('../../../shared/investigation/schema.ts');
  return parseInvestigationText(await file.text());
}

export function documentBlob(doc: InvestigationDocument): Blob {
  return new Blob([JSON.stringify(doc, null, 1)], { type: 'application/json' });
}
