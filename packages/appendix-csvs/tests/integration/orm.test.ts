import { Batch, OrderLine } from '../../src/domain/model';
import { orderLines } from '../../src/adapters/orm';
import { useTestDatabase } from '../database';
import { compareAsTheDomainDoes } from '../domain-equality';

compareAsTheDomainDoes();

const db = useTestDatabase();
const idOf = (entity: object): unknown => (entity as { id?: unknown }).id;

it('orderline mapper can load lines', async () => {
  const session = await db.session();
  await session.execute(
    'INSERT INTO order_lines (orderid, sku, qty) VALUES ' +
      "('order1', 'RED-CHAIR', 12), ('order1', 'RED-TABLE', 13), ('order2', 'BLUE-LIPSTICK', 14)",
  );
  const expected = [
    new OrderLine('order1', 'RED-CHAIR', 12),
    new OrderLine('order1', 'RED-TABLE', 13),
    new OrderLine('order2', 'BLUE-LIPSTICK', 14),
  ];

  const lines = await session.manager.find(orderLines, { order: { id: 'ASC' } });

  expect(lines).toEqual(expected);
  expect(lines.every((line) => line instanceof OrderLine)).toBe(true);
});

it('orderline mapper can save lines', async () => {
  const session = await db.session();
  const newLine = new OrderLine('order1', 'DECORATIVE-WIDGET', 12);

  session.add(newLine);
  await session.commit();

  const rows: unknown = await session.execute('SELECT orderid, sku, qty FROM order_lines');
  expect(rows).toEqual([{ orderid: 'order1', sku: 'DECORATIVE-WIDGET', qty: 12 }]);
});

it('retrieving batches', async () => {
  const session = await db.session();
  await session.execute(
    "INSERT INTO batches (reference, sku, _purchased_quantity, eta) VALUES ('batch1', 'sku1', 100, null)",
  );
  await session.execute(
    "INSERT INTO batches (reference, sku, _purchased_quantity, eta) VALUES ('batch2', 'sku2', 200, '2011-04-11')",
  );
  const expected = [new Batch('batch1', 'sku1', 100, null), new Batch('batch2', 'sku2', 200, '2011-04-11')];

  const batches = await session.manager.find(Batch, { order: { reference: 'ASC' } });

  expect(batches).toEqual(expected); // Batch equality compares references only, as in the book
  expect(batches.map((b) => [b.sku, b._purchasedQuantity, b.eta])).toEqual([
    ['sku1', 100, null],
    ['sku2', 200, '2011-04-11'],
  ]);
});

it('saving batches', async () => {
  const session = await db.session();
  const batch = new Batch('batch1', 'sku1', 100, null);

  session.add(batch);
  await session.commit();

  const rows: unknown = await session.execute('SELECT reference, sku, _purchased_quantity, eta FROM batches');
  expect(rows).toEqual([{ reference: 'batch1', sku: 'sku1', _purchased_quantity: 100, eta: null }]);
});

it('saving allocations', async () => {
  const session = await db.session();
  const batch = new Batch('batch1', 'sku1', 100, null);
  const line = new OrderLine('order1', 'sku1', 10);
  batch.allocate(line);

  session.add(batch);
  await session.commit();

  const rows: unknown = await session.execute('SELECT orderline_id, batch_id FROM allocations');
  expect(rows).toEqual([{ orderline_id: idOf(line), batch_id: idOf(batch) }]);
});

it('retrieving allocations', async () => {
  const session = await db.session();
  const [{ id: olid }] = await session.execute<[{ id: number }]>(
    "INSERT INTO order_lines (orderid, sku, qty) VALUES ('order1', 'sku1', 12) RETURNING id",
  );
  const [{ id: bid }] = await session.execute<[{ id: number }]>(
    "INSERT INTO batches (reference, sku, _purchased_quantity, eta) VALUES ('batch1', 'sku1', 100, null) RETURNING id",
  );
  await session.execute('INSERT INTO allocations (orderline_id, batch_id) VALUES ($1, $2)', [olid, bid]);

  const batch = await session.manager.findOneOrFail(Batch, { where: {} });

  expect(batch._allocations).toEqual([new OrderLine('order1', 'sku1', 12)]);
});
