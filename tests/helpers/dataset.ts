/** Dataset test helpers: the issues a rejected dataset reports. */
import { expect } from 'vitest';
import { DatasetValidationError, type DatasetIssue } from '../../server/import/errors.ts';
import { loadDataset } from '../../server/import/load.ts';

/** Loads `target` expecting it to be rejected; returns the issues it reports. */
export async function issuesOf(target: string): Promise<DatasetIssue[]> {
  try {
    await loadDataset(target);
  } catch (err) {
    expect(err).toBeInstanceOf(DatasetValidationError);
    return (err as DatasetValidationError).issues;
  }
  throw new Error('expected the dataset to be rejected');
}
