/**
 * A ZIP archive to import (e.g. claimgraph's CSV export), extracted to a
 * temporary folder, streamed entry by entry (yauzl: the archive is never
 * read into memory whole) and bounded:
 * - at most ZIP_LIMITS.maxBytes decompressed in all (512 MiB by default),
 * - no entry more than ZIP_LIMITS.maxRatio times its compressed size
 *   (100: real CSV compresses 3-20 times; a zip bomb thousands of times),
 *   counted on the bytes actually inflated, not the sizes the archive claims,
 * - at most ZIP_LIMITS.maxEntries entries.
 * Past a limit the extraction stops with a ZipLimitError saying which and how
 * to raise it (`ImportOptions.zip`, the CLI's CLAIMGRAPH_ZIP_MAX_BYTES and
 * CLAIMGRAPH_ZIP_MAX_RATIO).
 *
 * Entries whose names leave the folder (`../x`, `/etc/x`, `C:\x`) are not
 * extracted and are returned in `skipped`, reported in the import's notes.
 *
 * The temporary folder goes on every exit path: when the import ends or
 * fails (`cleanup`), when the process exits (an `exit` hook), and, for a
 * process that was killed (SIGKILL), by the next extraction, which removes
 * folders whose owning process is gone (each folder's name holds its
 * owner's pid, so even one killed right after creating it is found).
 */
import { createWriteStream, readdirSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { pidAlive } from '../kernel/pid.ts';

export interface ZipLimits {
  /** Decompressed bytes of the whole archive. */
  maxBytes: number;
  /** Decompressed size over compressed size, per entry (checked once an entry passes 1 MiB). */
  maxRatio: number;
  maxEntries: number;
}

export const ZIP_LIMITS: ZipLimits = { maxBytes: 512 * 1024 * 1024, maxRatio: 100, maxEntries: 10_000 };

/** An entry's ratio is checked once it has inflated this much (small files compress arbitrarily well). */
const RATIO_FLOOR = 1024 * 1024;
const PREFIX = 'claimgraph-zip-';

export class ZipLimitError extends Error {}

/** Folders of this process, removed when it exits however it exits (short of SIGKILL). */
const live = new Set<string>();
let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const dir of live) rmSync(dir, { recursive: true, force: true });
  });
}

/** Removes extraction folders left by processes that are gone (killed before they could clean up). */
export function sweepAbandoned(tmp = os.tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(tmp).filter((n) => n.startsWith(PREFIX));
  } catch {
    return removed;
  }
  for (const n of names) {
    const pid = Number(/^claimgraph-zip-(\d+)-/.exec(n)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || pidAlive(pid)) continue;
    const dir = path.join(tmp, n);
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

function mib(n: number): string {
  return `${Math.round(n / 1024 / 1024)} MiB`;
}

/** Counts what an entry inflates to, and stops it past the limits. */
function meter(name: string, compressed: number, total: { bytes: number }, limits: ZipLimits): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      total.bytes += chunk.length;
      if (total.bytes > limits.maxBytes) {
        return done(new ZipLimitError(`decompresses to more than ${mib(limits.maxBytes)} (the limit; raise it with CLAIMGRAPH_ZIP_MAX_BYTES)`));
      }
      if (bytes > RATIO_FLOOR && bytes > limits.maxRatio * Math.max(1, compressed)) {
        return done(new ZipLimitError(`${name} decompresses more than ${limits.maxRatio} times its compressed size (a zip bomb?; the limit is CLAIMGRAPH_ZIP_MAX_RATIO)`));
      }
      done(null, chunk);
    },
  });
}

export interface Extracted {
  dir: string;
  /** Entry names not extracted because they would land outside the folder. */
  skipped: string[];
  cleanup: () => Promise<void>;
}

/** Extracts `file` into a new temporary folder within `limits`; the folder is removed again on failure. */
export async function extractZip(file: string, limits: ZipLimits = ZIP_LIMITS): Promise<Extracted> {
  sweepAbandoned();
  hookExit();
  const dir = await mkdtemp(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
  live.add(dir);
  const cleanup = async () => {
    await rm(dir, { recursive: true, force: true });
    live.delete(dir);
  };
  try {
    const skipped = await extractInto(file, dir, limits);
    return { dir, skipped, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

async function extractInto(file: string, dir: string, limits: ZipLimits): Promise<string[]> {
  // decodeStrings: false so that a hostile name is skipped (and reported) rather than failing the archive.
  const zip = await yauzl.openPromise(file, { decodeStrings: false, validateEntrySizes: true });
  const skipped: string[] = [];
  const total = { bytes: 0 };
  let entries = 0;
  try {
    for (;;) {
      const entry = await nextEntry(zip);
      if (!entry) break;
      if (++entries > limits.maxEntries) throw new ZipLimitError(`has more than ${limits.maxEntries} entries (the limit)`);
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileName as unknown as Buffer, entry.extraFields, false);
      if (name.endsWith('/')) continue;
      const target = path.resolve(dir, name);
      if (yauzl.validateFileName(name) !== null || !target.startsWith(dir + path.sep)) {
        skipped.push(name);
        continue;
      }
      if (total.bytes + entry.uncompressedSize > limits.maxBytes) {
        throw new ZipLimitError(`decompresses to more than ${mib(limits.maxBytes)} (the limit; raise it with CLAIMGRAPH_ZIP_MAX_BYTES): ${name} alone says ${mib(entry.uncompressedSize)}`);
      }
      await mkdir(path.dirname(target), { recursive: true });
      await pipeline(await zip.openReadStreamPromise(entry), meter(name, entry.compressedSize, total, limits), createWriteStream(target));
    }
  } finally {
    zip.close();
  }
  return skipped;
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const onEntry = (e: yauzl.Entry) => done(() => resolve(e));
    const onEnd = () => done(() => resolve(undefined));
    const onError = (err: Error) => done(() => reject(err));
    const done = (f: () => void) => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      f();
    };
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}
