/** Process monitoring. */

const SAMPLE_CAPACITY = 60;

/**
 * Samples heap usage (seed 003, `MemoryMonitor`).
 * LEAK: `startMonitoring()` discards the interval handle, so the interval can never be cleared and
 * every call starts one more.
 * BOUNDED: `#samples` is a ring written at `index % SAMPLE_CAPACITY`.
 */
export class MemoryMonitor {
  #samples: number[] = [];
  #next = 0;

  startMonitoring(intervalMs = 30_000): void {
    setInterval(() => {
      this.check();
    }, intervalMs);
  }

  check(): void {
    const { heapUsed } = process.memoryUsage();
    this.#samples[this.#next % SAMPLE_CAPACITY] = heapUsed;
    this.#next++;
  }

  peakBytes(): number {
    return Math.max(0, ...this.#samples);
  }
}

/**
 * Pings connected clients.
 * BOUNDED: the interval is cleared in `stop()`, and `start()` clears a running one before replacing it.
 */
export class Heartbeat {
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly beat: () => void) {}

  start(intervalMs = 15_000): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = setInterval(this.beat, intervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
