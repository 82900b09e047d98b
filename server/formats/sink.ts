/**
 * Writing an export to a stream with backpressure: text is gathered into
 * chunks of about 64 KiB, and a write that fills the stream's buffer waits for
 * 'drain' (or fails when the client goes away), so memory stays flat however
 * large the export is.
 */
import { Zip, ZipDeflate } from 'fflate';

const CHUNK = 64 * 1024;

export class ClientGone extends Error {
  override name = 'ClientGone';
  constructor() {
    super('the client closed the connection before the export was complete');
  }
}

function isDestroyed(out: NodeJS.WritableStream): boolean {
  return (out as { destroyed?: boolean }).destroyed === true;
}

function waitDrain(out: NodeJS.WritableStream): Promise<void> {
  if (isDestroyed(out)) return Promise.reject(new ClientGone());
  return new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      out.removeListener('drain', onDrain);
      out.removeListener('close', onClose);
      out.removeListener('error', onError);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new ClientGone());
    };
    const onError = (err: unknown) => {
      cleanup();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onError);
  });
}

/** Writes one chunk, waiting for 'drain' when the stream asks for it. */
export async function writeChunk(out: NodeJS.WritableStream, data: string | Uint8Array): Promise<void> {
  if (isDestroyed(out)) throw new ClientGone();
  if (!out.write(data)) await waitDrain(out);
}

export interface TextSink {
  write(text: string): Promise<void>;
  /** Writes what is buffered. */
  flush(): Promise<void>;
}

/** A buffered text writer over a byte stream. */
export class StreamSink implements TextSink {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly out: NodeJS.WritableStream) {}

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const data = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await writeChunk(this.out, data);
  }
}

/**
 * A ZIP archive written as it is made: entries one after another, each
 * deflated in chunks, with the stream's backpressure honoured between chunks.
 */
export class ZipSink {
  private readonly zip: Zip;
  private needDrain = false;
  private failure: Error | undefined;
  private finished: Promise<void>;
  private resolveFinished!: () => void;
  private readonly encoder = new TextEncoder();

  constructor(private readonly out: NodeJS.WritableStream) {
    this.finished = new Promise<void>((resolve) => (this.resolveFinished = resolve));
    this.zip = new Zip((err, data, final) => {
      if (err) {
        this.failure = err;
        this.resolveFinished();
        return;
      }
      if (data.length > 0) {
        if (isDestroyed(out)) this.failure ??= new ClientGone();
        else if (!out.write(data)) this.needDrain = true;
      }
      if (final) this.resolveFinished();
    });
  }

  private async settle(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.needDrain) {
      this.needDrain = false;
      await waitDrain(this.out);
    }
  }

  /** Adds one file; its text goes through the returned sink, which must be flushed with `close`. */
  entry(name: string): TextSink & { close(): Promise<void> } {
    const file = new ZipDeflate(name, { level: 6 });
    this.zip.add(file);
    let parts: string[] = [];
    let size = 0;
    const push = async (final: boolean) => {
      const bytes = this.encoder.encode(parts.join(''));
      parts = [];
      size = 0;
      file.push(bytes, final);
      await this.settle();
    };
    return {
      write: async (text: string) => {
        parts.push(text);
        size += text.length;
        if (size >= CHUNK) await push(false);
      },
      flush: async () => {
        if (size > 0) await push(false);
      },
      close: async () => {
        await push(true);
      },
    };
  }

  async end(): Promise<void> {
    this.zip.end();
    await this.finished;
    await this.settle();
  }
}
