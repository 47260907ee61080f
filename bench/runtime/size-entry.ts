// Entry for the size figure of bench/runtime.ts: what an app importing RingBuffer and TtlMap ships.
export { RingBuffer, TtlMap } from '../../runtime/src/index.js';
