import autocannon from 'autocannon';
import { addBatch, ALLOCATED, shipmentEta } from './api';
import type { BenchEnvironment } from './environment';
import type { Settings } from './settings';

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
  readonly statements: number;
  readonly serializationFailures: number;
  readonly allocationsInDatabase: number;
}

export interface StatusCounts {
  /** Answered ALLOCATED (see api.ts). */
  readonly allocated: number;
  /** 4xx other than 409: unknown sku, invalid body. */
  readonly clientErrors: number;
  readonly conflicts: number;
  readonly serverErrors: number;
  readonly other: number;
}

const SEEDED_QTY = 1_000_000; // no sku runs out of stock during a run

export const skuName = (index: number): string => `SKU-${String(index).padStart(4, '0')}`;

/** The book's two kinds of batch: stock in the warehouse (no eta) first, then shipments. */
export async function seed(env: BenchEnvironment, settings: Settings): Promise<void> {
  for (let s = 0; s < settings.skus; s++) {
    for (let b = 0; b < settings.batchesPerSku; b++) {
      const eta = b === 0 ? null : shipmentEta(b);
      await addBatch(env.apiUrl, { ref: `batch-${s}-${b}`, sku: skuName(s), qty: SEEDED_QTY, eta });
    }
  }
}

/** Concurrent POST /allocate for the configured time, each with a new orderid, rotating over the skus. */
export async function runLoad(env: BenchEnvironment, settings: Settings): Promise<LoadResult> {
  const before = env.counter.totals();
  const { result, perSecond } = await fire({
    url: env.apiUrl,
    connections: settings.connections,
    duration: settings.durationSeconds,
    requests: [
      {
        method: 'POST',
        path: '/allocate',
        headers: { 'content-type': 'application/json' },
        setupRequest: allocationRequests(settings.skus),
      },
    ],
  });
  await env.settled(); // what the requests in flight at the end send still counts
  const after = env.counter.totals();
  return {
    requestsPerSecond: result.requests.mean,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    byStatus: countByStatus(result.statusCodeStats ?? {}),
    errors: result.errors,
    timeouts: result.timeouts,
    perSecond,
    statements: after.statements - before.statements,
    serializationFailures: after.serializationFailures - before.serializationFailures,
    allocationsInDatabase: await env.allocationsInDatabase(),
  };
}

function allocationRequests(skus: number): (request: autocannon.Request) => autocannon.Request {
  let sent = 0;
  return (request) => {
    const n = sent++;
    const body = JSON.stringify({ orderid: `order-${n}`, sku: skuName(n % skus), qty: 1 });
    return { ...request, body };
  };
}

/**
 * autocannon, counting the responses of each second on the way (its result only has their spread).
 * autocannon looks at its stop timer only once a second, so a run may last one second longer than asked.
 */
function fire(
  options: autocannon.Options & { duration: number },
): Promise<{ result: autocannon.Result; perSecond: number[] }> {
  return new Promise((resolve, reject) => {
    const perSecond = Array.from({ length: options.duration }, () => 0);
    const startedAt = performance.now();
    const instance = autocannon(options, (error: unknown, result: autocannon.Result) => {
      if (error) reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }));
      else resolve({ result, perSecond });
    });
    instance.on('response', () => {
      const second = Math.floor((performance.now() - startedAt) / 1000);
      while (perSecond.length <= second) perSecond.push(0);
      perSecond[second] = (perSecond[second] ?? 0) + 1;
    });
  });
}

function countByStatus(stats: NonNullable<autocannon.Result['statusCodeStats']>): StatusCounts {
  const counts = { allocated: 0, clientErrors: 0, conflicts: 0, serverErrors: 0, other: 0 };
  for (const [code, { count = 0 }] of Object.entries(stats)) {
    const status = Number(code);
    if (status === ALLOCATED) counts.allocated += count;
    else if (status === 409) counts.conflicts += count;
    else if (status >= 400 && status < 500) counts.clientErrors += count;
    else if (status >= 500) counts.serverErrors += count;
    else counts.other += count;
  }
  return counts;
}
