import ms from 'ms';

/**
 * Parses a TTL given as milliseconds (`600000`, `'600000'`) or as a duration string understood by the
 * `ms` package (`'10m'`, `'1h'`, `'1.5d'`). Returns whole milliseconds.
 * @throws {RangeError} when the value is not a positive duration.
 */
export function parseDuration(value: string | number): number {
  const parsed = typeof value === 'number' ? value : /^\d+(?:\.\d+)?$/.test(value.trim()) ? Number(value) : ms(value as ms.StringValue);
  if (typeof parsed !== 'number' || !Number.isFinite(parsed) || parsed <= 0) {
    throw new RangeError(`bounded-codemod: --ttl must be a positive duration such as 600000, 10m or 1h (got ${String(value)})`);
  }
  return Math.round(parsed);
}
