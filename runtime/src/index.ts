/**
 * `bounded`: capped ring buffers, TTL/LRU maps and sets, and listener scopes. Zero dependencies.
 * @module bounded
 */
export { RingBuffer } from './ring-buffer.js';
export type { RingBufferOptions, RingBufferEvictReason } from './ring-buffer.js';
export { TtlMap } from './ttl-map.js';
export type { TtlMapOptions, EvictReason } from './ttl-map.js';
export { TtlSet } from './ttl-set.js';
export type { TtlSetOptions, SetLike } from './ttl-set.js';
export { ListenerScope } from './listener-scope.js';
export type { Remove, Teardown, EmitterLike, EventTargetLike, ObserverLike, ListenerOptions, ScopeSignal } from './listener-scope.js';
