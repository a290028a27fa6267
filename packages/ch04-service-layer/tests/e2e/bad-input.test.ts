import { randomBatchref, randomOrderid, randomSku } from 'shared';
import { addStock, useApi } from './api-client';

const logged: string[] = []; // the app's error log
const api = useApi({ level: 'error', stream: { write: (line: string) => void logged.push(line) } });
const db = api.db;

async function rowCounts(): Promise<Record<string, number>> {
  const [counts] = await db.dataSource.query<[Record<string, number>]>(
    'SELECT (SELECT count(*)::int FROM batches) AS batches, (SELECT count(*)::int FROM order_lines) AS order_lines,' +
      ' (SELECT count(*)::int FROM allocations) AS allocations',
  );
  return counts;
}

/** JSON with the bytes 0xC3 0x28 between its two parts: 0xC3 opens a two-byte character that '(' cannot end */
const notUtf8 = (before: string, after: string): Buffer =>
  Buffer.concat([Buffer.from(before), Buffer.from([0xc3, 0x28]), Buffer.from(after)]);

const line = { orderid: 'o1', sku: 'LAMP', qty: 1 };

describe('allocate rejects bad input with a 4xx and writes nothing', () => {
  beforeEach(async () => {
    await addStock(api, [['b1', 'LAMP', 10, null]]);
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
    expect(await rowCounts()).toEqual({ batches: 1, order_lines: 0, allocations: 0 });
  });
});

describe('an unexpected error', () => {
  it('answers 500 without details, and is logged', async () => {
    const sku = randomSku();
    await addStock(api, [[randomBatchref(), sku, 10, null]]);
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
