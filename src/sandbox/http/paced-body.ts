// The bandwidth knob: a response body written no faster than a link of the given rate would
// carry it, so big answers cost time as they do over the internet. The body goes out in chunks
// of a few milliseconds' worth, each written when a link would have delivered it (start + bytes
// so far ÷ rate), on timers; the socket's backpressure is respected too. An HTTP/1.1 connection
// carries one answer at a time, so pacing each answer paces its connection.
import type { ServerResponse } from 'node:http';

/** Chunks of about this many milliseconds of the link: timers are good to about 1 ms. */
const CHUNK_MS = 5;
const MIN_CHUNK = 1024;
const MAX_CHUNK = 64 * 1024;

export function writePaced(res: ServerResponse, payload: Buffer, mbitPerSecond: number): void {
  const bytesPerMs = (mbitPerSecond * 1_000_000) / 8 / 1000;
  const chunkSize = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, Math.round(bytesPerMs * CHUNK_MS)));
  const start = performance.now();
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  res.once('close', () => clearTimeout(timer));

  const writeChunk = (end: number): void => {
    if (res.destroyed) return;
    const flowing = res.write(payload.subarray(sent, end));
    sent = end;
    if (flowing) scheduleNext();
    else res.once('drain', scheduleNext);
  };
  const scheduleNext = (): void => {
    if (res.destroyed) return;
    if (sent >= payload.length) {
      res.end();
      return;
    }
    const end = Math.min(payload.length, sent + chunkSize);
    // The chunk's last byte would arrive at start + end ÷ rate: never write it earlier.
    const wait = start + end / bytesPerMs - performance.now();
    if (wait > 0) timer = setTimeout(() => writeChunk(end), Math.ceil(wait));
    else writeChunk(end);
  };
  scheduleNext();
}
