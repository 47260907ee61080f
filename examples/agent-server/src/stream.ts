import { EventEmitter } from 'node:events';

import type { Chunk } from './types.js';

/** Anything chunks can be written to (an HTTP response in this server). */
export interface ChunkSink {
  write(text: string): unknown;
}

/**
 * The output of one model call, readable by several consumers at once (seed 002, `MastraModelOutput`).
 */
export class StreamOutput {
  readonly #emitter = new EventEmitter();
  /** LEAK (seed 002 #1): every chunk is kept, and the stream object is kept by its workflow run. */
  #bufferedChunks: Chunk[] = [];
  /** LEAK (seed 002 #3): the text of every delta is concatenated forever. */
  private accumulatedText = '';
  #finished = false;

  constructor() {
    // BOUNDED: a stable handler, removed again in close().
    this.#emitter.on('error', this.#onError);
  }

  write(chunk: Chunk): void {
    this.#bufferedChunks.push(chunk);
    if (chunk.type === 'text-delta') {
      this.accumulatedText += chunk.text;
    }
    this.#emitter.emit('chunk', chunk);
    if (chunk.type === 'finish') {
      this.#finished = true;
      this.#emitter.emit('finish');
    }
  }

  get text(): string {
    return this.accumulatedText;
  }

  get chunkCount(): number {
    return this.#bufferedChunks.length;
  }

  /**
   * LEAK (seed 002 #4): a listener per consumer, removed only when the stream finishes. A consumer
   * that goes away early (timeout, error, client disconnect) leaves its listener on the emitter.
   */
  pipeTo(sink: ChunkSink): void {
    for (const chunk of this.#bufferedChunks) sink.write(`${JSON.stringify(chunk)}\n`);
    if (this.#finished) return;
    const onChunk = (chunk: Chunk) => sink.write(`${JSON.stringify(chunk)}\n`);
    this.#emitter.on('chunk', onChunk);
    this.#emitter.once('finish', () => {
      this.#emitter.off('chunk', onChunk);
    });
  }

  /**
   * LEAK: `.bind(this)` creates a new function at each call, so `untrace()` removes nothing and every
   * `trace()` leaves one more listener behind.
   */
  trace(): void {
    this.#emitter.on('chunk', this.logChunk.bind(this));
  }

  untrace(): void {
    this.#emitter.off('chunk', this.logChunk.bind(this));
  }

  close(): void {
    this.#emitter.off('error', this.#onError);
  }

  private logChunk(chunk: Chunk): void {
    if (chunk.type === 'finish') console.debug(`stream finished: ${chunk.reason}`);
  }

  #onError = (error: unknown): void => {
    console.error('stream error', error);
  };
}
