export { RingBuffer } from './ring-buffer.js';
export type { RingBufferOptions, RingBufferEvictReason } from './ring-buffer.js';
