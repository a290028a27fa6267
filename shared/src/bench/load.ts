import autocannon from 'autocannon';
import { countByStatus, type StatusCounts } from './stats';

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly byStatus: StatusCounts;
  /** Requests that got no answer: connection errors, timeouts included. */
  readonly errors: number;
  readonly timeouts: number;
  /** Responses received in each second of the run. */
  readonly perSecond: readonly number[];
}

/** The n-th request of a load: a method, a path and, for a POST, a JSON body. */
export type RequestMaker = (n: number) => { method: 'GET' | 'POST'; path: string; body?: unknown };

/**
 * autocannon for `durationSeconds` on `connections` connections, each request made by `make`, counting
 * the responses of each second on the way (its result only has their spread). autocannon looks at its
 * stop timer once a second, so a run may last a second longer than asked.
 */
export function runLoad(
  baseUrl: string,
  { durationSeconds, connections }: { durationSeconds: number; connections: number },
  make: RequestMaker,
): Promise<LoadResult> {
  let sent = 0;
  const setupRequest = (request: autocannon.Request): autocannon.Request => {
    const { method, path, body } = make(sent++);
    return { ...request, method, path, body: body === undefined ? undefined : JSON.stringify(body) };
  };
  return new Promise((resolve, reject) => {
    const perSecond = Array.from({ length: durationSeconds }, () => 0);
    const startedAt = performance.now();
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        duration: durationSeconds,
        requests: [{ headers: { 'content-type': 'application/json' }, setupRequest }],
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }));
          return;
        }
        const codes = Object.fromEntries(
          Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
        );
        resolve({
          requestsPerSecond: result.requests.mean,
          latencyP50Ms: result.latency.p50,
          latencyP99Ms: result.latency.p99,
          byStatus: countByStatus(codes),
          errors: result.errors,
          timeouts: result.timeouts,
          perSecond,
        });
      },
    );
    instance.on('response', () => {
      const second = Math.floor((performance.now() - startedAt) / 1000);
      while (perSecond.length <= second) perSecond.push(0);
      perSecond[second] = (perSecond[second] ?? 0) + 1;
    });
  });
}
