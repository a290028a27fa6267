import * as commands from '../../src/domain/commands';
import { check, MalformedMessage, parseJson } from '../../src/entrypoints/message-parsing';
import * as schemas from '../../src/entrypoints/message-schemas';

const batch = { ref: 'b1', sku: 'SMALL-TABLE', qty: 20, eta: '2011-01-02' };
const line = { orderid: 'o1', sku: 'SMALL-TABLE', qty: 2 };

/** What `attempt` threw: the message of a MalformedMessage, and nothing else will do. */
function malformation(attempt: () => unknown): string {
  try {
    attempt();
  } catch (error) {
    if (error instanceof MalformedMessage) return error.message;
    throw error;
  }
  throw new Error('no MalformedMessage was thrown');
}

describe('each command is built from JSON through its one schema', () => {
  it('builds a CreateBatch', () => {
    expect(schemas.CreateBatch.fromJson(batch)).toEqual(
      new commands.CreateBatch('b1', 'SMALL-TABLE', 20, '2011-01-02'),
    );
    expect(schemas.CreateBatch.fromJson({ ...batch, eta: null })).toBeInstanceOf(commands.CreateBatch);
  });

  it('builds an Allocate', () => {
    expect(schemas.Allocate.fromJson(line)).toEqual(new commands.Allocate('o1', 'SMALL-TABLE', 2));
  });

  it("builds a ChangeBatchQuantity from the wire's batchref, down to nothing", () => {
    expect(schemas.ChangeBatchQuantity.fromJson({ batchref: 'b1', qty: 0 })).toEqual(
      new commands.ChangeBatchQuantity('b1', 0),
    );
  });

  it('ignores fields it does not need, and keeps none of them (the tolerant reader)', () => {
    const cmd = schemas.Allocate.fromJson({ ...line, express: true });

    expect(cmd).toEqual(new commands.Allocate('o1', 'SMALL-TABLE', 2));
    expect(Object.keys(cmd)).toEqual(['orderid', 'sku', 'qty']);
  });
});

describe('what does not fit a schema is a MalformedMessage naming the command and the field', () => {
  it.each([
    [
      'a missing field',
      schemas.CreateBatch,
      { ref: 'b1', sku: 'SMALL-TABLE', qty: 20 },
      'CreateBatch must have required properties eta',
    ],
    ['a mistyped qty', schemas.CreateBatch, { ...batch, qty: '20' }, 'CreateBatch.qty must be integer'],
    ['a fractional qty', schemas.Allocate, { ...line, qty: 2.5 }, 'Allocate.qty must be integer'],
    ['a zero qty', schemas.Allocate, { ...line, qty: 0 }, 'Allocate.qty must be >= 1'],
    [
      'a qty too large for the database',
      schemas.CreateBatch,
      { ...batch, qty: 2 ** 31 },
      'CreateBatch.qty must be <= 2147483647',
    ],
    [
      'an impossible eta',
      schemas.CreateBatch,
      { ...batch, eta: '2021-02-30' },
      'CreateBatch.eta must match format "date"',
    ],
    [
      'an eta with a time',
      schemas.CreateBatch,
      { ...batch, eta: '2021-02-03T10:00:00Z' },
      'CreateBatch.eta must match format "date"',
    ],
    [
      'an eta in year 0',
      schemas.CreateBatch,
      { ...batch, eta: '0000-01-01' },
      'CreateBatch.eta must match pattern "^(?!0000)"',
    ],
    [
      'an empty sku',
      schemas.Allocate,
      { ...line, sku: '' },
      'Allocate.sku must not have fewer than 1 characters',
    ],
    [
      'a NUL character',
      schemas.Allocate,
      { ...line, orderid: 'o\u00001' },
      'Allocate.orderid must match pattern',
    ],
    [
      'a negative quantity for a batch',
      schemas.ChangeBatchQuantity,
      { batchref: 'b1', qty: -1 },
      'ChangeBatchQuantity.qty must be >= 0',
    ],
    [
      "the command's field name instead of the wire's",
      schemas.ChangeBatchQuantity,
      { ref: 'b1', qty: 1 },
      'ChangeBatchQuantity must have required properties batchref',
    ],
    ['not an object', schemas.Allocate, [line], 'Allocate must be object'],
    ['nothing at all', schemas.Allocate, undefined, 'Allocate must be object'],
  ])('%s', (_case, schema: schemas.CommandSchema<commands.Command>, data, message) => {
    expect(malformation(() => schema.fromJson(data))).toContain(message);
  });

  it('coerces nothing: "3" is no quantity (where the book\'s Use(int) would take it as 3)', () => {
    expect(malformation(() => schemas.Allocate.fromJson({ ...line, qty: '3' }))).toBe(
      'Allocate.qty must be integer',
    );
  });

  it('checks a query the same way', () => {
    expect(check(schemas.AllocationsParams, { orderid: 'o1' }, 'path')).toEqual({ orderid: 'o1' });
    expect(malformation(() => check(schemas.AllocationsParams, { orderid: 'x'.repeat(256) }, 'path'))).toBe(
      'path.orderid must not have more than 255 characters',
    );
  });
});

describe('JSON text', () => {
  it('is parsed', () => {
    expect(parseJson('{"batchref": "b1", "qty": 3}')).toEqual({ batchref: 'b1', qty: 3 });
  });

  it('that is not JSON is a MalformedMessage', () => {
    expect(malformation(() => parseJson('{"batchref": '))).toMatch(/^Not valid JSON: /);
  });

  it('holding a lone UTF-16 surrogate is no text, and a MalformedMessage', () => {
    expect(malformation(() => parseJson('{"batchref": "b1\\ud800"}'))).toBe(
      'Not valid JSON: a lone UTF-16 surrogate in "batchref"',
    );
  });
});
