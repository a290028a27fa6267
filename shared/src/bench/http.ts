import { request } from 'node:http';

export interface Reply {
  readonly status: number;
  readonly body: string;
}

/**
 * node:http rather than fetch, whose 300 s header timeout cuts off what the growth step measures: in the
 * chapters where typeorm's save compares every line, one allocation with 10,000 earlier ones takes minutes
 * on a busy machine.
 */
export function postJson(baseUrl: string, path: string, body: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json' };
    const outgoing = request(`${baseUrl}${path}`, { method: 'POST', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(JSON.stringify(body));
  });
}

export interface NewBatch {
  readonly ref: string;
  readonly sku: string;
  readonly qty: number;
  readonly eta: string | null;
}

export async function addBatch(baseUrl: string, batch: NewBatch): Promise<void> {
  expectStatus(await postJson(baseUrl, '/add_batch', batch), 201, `add_batch ${batch.ref}`);
}

export interface Line {
  readonly orderid: string;
  readonly sku: string;
  readonly qty: number;
}

export async function allocate(baseUrl: string, line: Line, allocatedStatus: number): Promise<void> {
  expectStatus(await postJson(baseUrl, '/allocate', line), allocatedStatus, `allocate ${line.orderid}`);
}

export function expectStatus({ status, body }: Reply, expected: number, what: string): void {
  if (status !== expected)
    throw new Error(`${what} answered ${status}, not ${expected}: ${body.slice(0, 300)}`);
}

/** January 1st 2027 plus `index` days: distinct etas make allocation fill the batches in a known order. */
export function shipmentEta(index: number): string {
  return new Date(Date.UTC(2027, 0, 1 + index)).toISOString().slice(0, 10);
}
