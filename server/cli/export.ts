/**
 * `claimgraph export`: the API's exports (same formats, same selections:
 * server/export/index.ts) to a file or to standard output.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { ApiError, formatZodError } from '../kernel/errors.ts';
import { ExportRequest } from '../kernel/contract.ts';
import { writeExport } from '../export/index.ts';
import { withDeps } from './connect.ts';
import { CliError, EXIT, exitForApiCode, type ExitCode } from './exit.ts';

export interface ExportOptions {
  format: string;
  out?: string;
  /** The selection, as the API takes it (checked here with the API's schema). */
  selection: Record<string, unknown>;
  quiet?: boolean;
}

export async function runExport(o: ExportOptions): Promise<ExitCode> {
  const parsed = ExportRequest.safeParse({ format: o.format, selection: o.selection });
  if (!parsed.success) throw new CliError(EXIT.USAGE, formatZodError(parsed.error, 'export'));
  const req = parsed.data;
  const toFile = o.out !== undefined && o.out !== '-';
  if (!toFile && req.format === 'csv' && process.stdout.isTTY) {
    throw new CliError(EXIT.USAGE, 'The csv export is a ZIP archive: give --out <file>, or redirect standard output to a file.');
  }
  return withDeps({ quiet: o.quiet }, async (deps) => {
    const out = toFile ? createWriteStream(o.out!) : process.stdout;
    try {
      await writeExport(deps, req, out);
      if (toFile) {
        await new Promise<void>((resolve, reject) => {
          out.once('error', reject);
          (out as NodeJS.WritableStream).end(() => resolve());
        });
        if (!o.quiet) console.error(`Wrote ${o.out}`);
      }
      return EXIT.OK;
    } catch (err) {
      if (toFile) {
        (out as NodeJS.WritableStream & { destroy(): void }).destroy();
        await rm(o.out!, { force: true });
      }
      if (err instanceof ApiError) throw new CliError(exitForApiCode(err.code), `${err.code}: ${err.message}`);
      throw err;
    }
  });
}
