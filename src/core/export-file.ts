// The file an export writes: a temporary file beside the chosen one, written through a stream
// that waits when the disk is slower than the network (so nothing piles up in memory), and
// renamed to the chosen name only when the export is whole. So the chosen file is never half a
// file: a cancelled or failed export removes its temporary file, or, when even that fails,
// leaves it under a name that says it is incomplete. No vscode here.
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import * as path from 'node:path';

/** What became of an unfinished export's file. */
export type PartialFile = { removed: true } | { removed: false; file: string; reason: string };

export class ExportWriteError extends Error {
  override name = 'ExportWriteError';
}

function whyNotWritable(error: unknown, target: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const folder = path.dirname(target);
  if (code === 'ENOENT') return `the folder ${folder} does not exist`;
  if (code === 'EACCES' || code === 'EPERM') return `there is no permission to write in ${folder}`;
  if (code === 'EROFS') return `${folder} is on a read-only file system`;
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EISDIR') return `${target} is a folder`;
  if (code === 'ENOTDIR') return `${folder} is not a folder`;
  return error instanceof Error ? error.message : String(error);
}

export class ExportFile {
  private failure: Error | undefined;

  private constructor(
    readonly target: string,
    readonly temporary: string,
    private readonly stream: WriteStream,
  ) {
    stream.on('error', (error) => (this.failure ??= this.writeError(error)));
  }

  /** Creates the temporary file; fails before anything is fetched when the place cannot be written. */
  static async open(target: string): Promise<ExportFile> {
    const temporary = path.join(path.dirname(target), `${path.basename(target)}.${randomBytes(4).toString('hex')}.incomplete`);
    const stream = createWriteStream(temporary, { flags: 'wx', encoding: 'utf8' });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error) => reject(new ExportWriteError(`Cannot write the export to ${target}: ${whyNotWritable(error, target)}. Choose another place.`)));
    });
    return new ExportFile(target, temporary, stream);
  }

  /** Appends text or UTF-8 bytes; resolves once the stream can take more (backpressure). */
  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stream.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      const onDrain = (): void => {
        this.stream.off('error', onError);
        resolve();
      };
      const onError = (): void => {
        this.stream.off('drain', onDrain);
        reject(this.failure);
      };
      this.stream.once('drain', onDrain);
      this.stream.once('error', onError);
    });
  }

  /** Flushes, closes and gives the file its chosen name. */
  async commit(): Promise<void> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', () => reject(this.failure));
      this.stream.end(() => resolve());
    });
    try {
      await rename(this.temporary, this.target);
    } catch (error) {
      throw new ExportWriteError(`Cannot write the export to ${this.target}: ${whyNotWritable(error, this.target)}.`);
    }
  }

  /** Closes and removes the temporary file; says so, or where it was left and why. */
  async abandon(): Promise<PartialFile> {
    await new Promise<void>((resolve) => {
      if (this.stream.closed) resolve();
      else this.stream.once('close', () => resolve()).destroy();
    });
    try {
      await rm(this.temporary, { force: true });
      return { removed: true };
    } catch (error) {
      return { removed: false, file: this.temporary, reason: whyNotWritable(error, this.temporary) };
    }
  }

  private writeError(error: Error): ExportWriteError {
    return new ExportWriteError(`Writing the export to ${this.target} failed: ${whyNotWritable(error, this.target)}.`);
  }
}

/** A sentence for people about an unfinished export's file. */
export function describePartialFile(partial: PartialFile): string {
  return partial.removed
    ? 'The unfinished file was removed.'
    : `The unfinished file could not be removed (${partial.reason}); it is ${partial.file}, its name ending in ".incomplete": delete it.`;
}
