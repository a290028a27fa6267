import { setTimeout as sleep } from 'node:timers/promises';

export interface EventuallyOptions {
  /** Give up after this many milliseconds. */
  timeout?: number;
  /** Wait this long between attempts. */
  interval?: number;
}

/**
 * Runs `assertion` until it stops throwing, and returns its value; after `timeout` ms,
 * rethrows its last error. Use it for what happens asynchronously, instead of sleeping.
 */
export async function eventually<T>(
  assertion: () => T | Promise<T>,
  { timeout = 10_000, interval = 50 }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await sleep(interval);
    }
  }
}
