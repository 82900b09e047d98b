/**
 * Validation errors for datasets: each issue (server/formats/records.ts)
 * names the file, the record (and line where the format has lines) and the
 * field, and says what was expected.
 */
import type { DatasetIssue } from '../formats/records.ts';

export type { DatasetIssue } from '../formats/records.ts';

export function formatIssue(i: DatasetIssue): string {
  const where = [i.line !== undefined ? `${i.file}:${i.line}` : i.file, i.record, i.column ? `column "${i.column}"` : i.field ? `field "${i.field}"` : undefined]
    .filter(Boolean)
    .join(' ');
  return `${where}: ${i.message}`;
}

export class DatasetValidationError extends Error {
  override name = 'DatasetValidationError';
  readonly code = 'DATASET_INVALID';
  constructor(readonly issues: DatasetIssue[]) {
    super(
      `The dataset has ${issues.length} error${issues.length === 1 ? '' : 's'}; nothing was imported.\n` +
        issues.slice(0, 200).map((i) => `  - ${formatIssue(i)}`).join('\n') +
        (issues.length > 200 ? `\n  ... and ${issues.length - 200} more` : ''),
    );
  }
}
