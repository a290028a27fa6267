import { randomBatchref, randomOrderid, randomSku } from 'shared';
import { postToAddBatch, useApi } from './api-client';

const logged: string[] = []; // the app's error log
const api = useApi({
  logger: { level: 'error', stream: { write: (line: string) => void logged.push(line) } },
});
const db = api.db;

async function rowCounts(): Promise<Record<string, number>> {
  const [counts] = await db.dataSource.query<[Record<string, number>]>(
    'SELECT (SELECT count(*)::int FROM products) AS products, (SELECT count(*)::int FROM batches) AS batches,' +
      ' (SELECT count(*)::int FROM order_lines) AS order_lines, (SELECT count(*)::int FROM allocations) AS allocations',
  );
  return counts;
}

const batch = { ref: 'b1', sku: 'LAMP', qty: 10, eta: null };
/** JSON with the bytes 0xC3 0x28 between its two parts: 0xC3 opens a two-byte character that '(' cannot end */
const notUtf8 = (before: string, after: string): Buffer =>
  Buffer.concat([Buffer.from(before), Buffer.from([0xc3, 0x28]), Buffer.from(after)]);

const line = { orderid: 'o1', sku: 'LAMP', qty: 1 };

describe('add batch rejects bad input with a 4xx and writes nothing', () => {
  it.each([
    ['malformed JSON', '{"ref": "b1", "sku":', 400, /not valid JSON/],
    ['a missing field', { ref: 'b1', sku: 'LAMP', qty: 10 }, 400, "body must have required property 'eta'"],
    ['a mistyped qty', { ...batch, qty: '10' }, 400, 'body/qty must be integer'],
    ['a fractional qty', { ...batch, qty: 2.5 }, 400, 'body/qty must be integer'],
    ['a zero qty', { ...batch, qty: 0 }, 400, 'body/qty must be >= 1'],
    ['a negative qty', { ...batch, qty: -3 }, 400, 'body/qty must be >= 1'],
    ['a qty too large for the database', { ...batch, qty: 2 ** 31 }, 400, 'body/qty must be <= 2147483647'],
    ['an impossible eta', { ...batch, eta: '2021-02-30' }, 400, 'body/eta must match format "date"'],
    [
      'an eta in year 0, which PostgreSQL lacks',
      { ...batch, eta: '0000-01-01' },
      400,
      'body/eta must match pattern',
    ],
    ['a NUL character', { ...batch, sku: 'LA\u0000MP' }, 400, 'body/sku must match pattern'],
    [
      'a lone UTF-16 surrogate',
      { ...batch, ref: 'b\ud800' },
      400,
      'Body is not valid JSON: a lone UTF-16 surrogate in "ref"',
    ],
    [
      'bytes that are not UTF-8',
      notUtf8('{"ref": "b', '1", "sku": "LAMP", "qty": 10, "eta": null}'),
      400,
      'Body is not valid UTF-8',
    ],
    [
      'an eta that is not a date',
      { ...batch, eta: 'next tuesday' },
      400,
      'body/eta must match format "date"',
    ],
    [
      'an eta with a time',
      { ...batch, eta: '2021-02-03T10:00:00Z' },
      400,
      'body/eta must match format "date"',
    ],
    ['an empty sku', { ...batch, sku: '' }, 400, 'body/sku must NOT have fewer than 1 characters'],
    ['an unknown field', { ...batch, colour: 'red' }, 400, 'body must NOT have additional properties'],
    ['a body that is not an object', [batch], 400, 'body must be object'],
    ['an oversized body', { ...batch, ref: 'x'.repeat(20_000) }, 413, 'Request body is too large'],
  ])('%s', async (_case, body, status, message) => {
    const r = await api.post('/add_batch', body);

    expect(r.status).toBe(status);
    expect(((await r.json()) as { message: string }).message).toMatch(message);
    expect(await rowCounts()).toEqual({ products: 0, batches: 0, order_lines: 0, allocations: 0 });
  });

  it('a body that is not JSON', async () => {
    const r = await fetch(`${api.url}/add_batch`, {
      method: 'POST',
      body: 'ref=b1',
      headers: { 'content-type': 'text/plain' },
    });

    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ message: 'body must be object' });
    expect(await rowCounts()).toEqual({ products: 0, batches: 0, order_lines: 0, allocations: 0 });
  });
});

describe('add batch refuses a reference that exists already', () => {
  it('with 409, and writes nothing', async () => {
    await postToAddBatch(api, 'b1', 'LAMP', 10, null);

    const r = await api.post('/add_batch', { ref: 'b1', sku: 'TABLE', qty: 5, eta: null });

    expect(r.status).toBe(409);
    expect(await r.json()).toEqual({ message: 'Batch b1 already exists' });
    expect(await rowCounts()).toMatchObject({ products: 1, batches: 1 });
  });
});

describe('allocate rejects bad input with a 4xx and writes nothing', () => {
  beforeEach(async () => {
    await postToAddBatch(api, 'b1', 'LAMP', 10, null);
  });

  it.each([
    ['malformed JSON', '{"orderid": ', 400, /not valid JSON/],
    ['a missing field', { orderid: 'o1', sku: 'LAMP' }, 400, "body must have required property 'qty'"],
    ['a mistyped qty', { ...line, qty: '1' }, 400, 'body/qty must be integer'],
    ['a zero qty', { ...line, qty: 0 }, 400, 'body/qty must be >= 1'],
    ['a mistyped orderid', { ...line, orderid: 42 }, 400, 'body/orderid must be string'],
    ['a NUL character', { ...line, orderid: 'o\u00001' }, 400, 'body/orderid must match pattern'],
    [
      'a lone UTF-16 surrogate',
      { ...line, orderid: 'o\udc00' },
      400,
      'Body is not valid JSON: a lone UTF-16 surrogate in "orderid"',
    ],
    [
      'bytes that are not UTF-8',
      notUtf8('{"orderid": "o', '1", "sku": "LAMP", "qty": 1}'),
      400,
      'Body is not valid UTF-8',
    ],
    ['an unknown field', { ...line, express: true }, 400, 'body must NOT have additional properties'],
    ['an oversized body', { ...line, orderid: 'o'.repeat(20_000) }, 413, 'Request body is too large'],
  ])('%s', async (_case, body, status, message) => {
    const r = await api.post('/allocate', body);

    expect(r.status).toBe(status);
    expect(((await r.json()) as { message: string }).message).toMatch(message);
    expect(await rowCounts()).toEqual({ products: 1, batches: 1, order_lines: 0, allocations: 0 });
  });
});

describe('an unexpected error', () => {
  it('answers 500 without details, and is logged', async () => {
    const sku = randomSku();
    await postToAddBatch(api, randomBatchref(), sku, 10, null);
    await db.dataSource.query('ALTER TABLE allocations RENAME TO allocations_elsewhere');
    try {
      const r = await api.post('/allocate', { orderid: randomOrderid(), sku, qty: 1 });

      expect(r.status).toBe(500);
      expect(await r.json()).toEqual({ message: 'Internal Server Error' });
      expect(logged.join('')).toContain('relation \\"allocations\\" does not exist');
    } finally {
      await db.dataSource.query('ALTER TABLE allocations_elsewhere RENAME TO allocations');
    }
  });
});

describe('an unknown route', () => {
  it('answers 404 with a message, as every error does', async () => {
    const r = await api.post('/no-such-route', {});

    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ message: 'No route /no-such-route' });
  });
});
