/**
 * A barrier for concurrency tests: the function it returns resolves for every caller once `count`
 * callers are waiting, so two transactions are certain to overlap (where the book sleeps).
 */
export function meetingOf(count: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const everyone = new Promise<void>((resolve) => (release = resolve));
  return () => {
    arrived += 1;
    if (arrived === count) release();
    return everyone;
  };
}
