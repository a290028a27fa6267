import { useTestDatabase } from 'ch06-unit-of-work/tests/database';
import type { TypeOrmSession } from 'ch06-unit-of-work/src/adapters/session';
import { Batch, OrderLine } from 'ch06-unit-of-work/src/domain/model';
import { TypeOrmUnitOfWork } from '../../src/service-layer/unit-of-work';

const db = useTestDatabase();

async function insertBatch(session: TypeOrmSession, ref: string, sku: string, qty: number): Promise<void> {
  await session.execute(
    'INSERT INTO batches (reference, sku, _purchased_quantity, eta) VALUES ($1, $2, $3, NULL)',
    [ref, sku, qty],
  );
}

async function batchRefs(): Promise<string[]> {
  const rows = await db.dataSource.query<{ reference: string }[]>('SELECT reference FROM batches');
  return rows.map((row) => row.reference);
}

it('uow can retrieve a batch and allocate to it', async () => {
  const session = await db.session();
  await insertBatch(session, 'batch1', 'HIPSTER-WORKBENCH', 100);
  await session.commit();

  const uow = new TypeOrmUnitOfWork(db.dataSource);
  await uow.run(async () => {
    const batch = await uow.batches.get('batch1');
    batch.allocate(new OrderLine('o1', 'HIPSTER-WORKBENCH', 10));
    await uow.commit();
  });

  const rows = await db.dataSource.query<{ reference: string }[]>(
    'SELECT b.reference FROM allocations JOIN batches AS b ON batch_id = b.id ' +
      'JOIN order_lines AS l ON orderline_id = l.id WHERE l.orderid = $1',
    ['o1'],
  );
  expect(rows).toEqual([{ reference: 'batch1' }]);
});

it('rolls back uncommitted work by default', async () => {
  const uow = new TypeOrmUnitOfWork(db.dataSource);
  await uow.run(async () => {
    await uow.batches.add(new Batch('batch1', 'MEDIUM-PLINTH', 100, null));
  });
  expect(await batchRefs()).toEqual([]);
});

it('rolls back on error', async () => {
  const uow = new TypeOrmUnitOfWork(db.dataSource);
  const failing = uow.run(async () => {
    await uow.batches.add(new Batch('batch1', 'LARGE-FORK', 100, null));
    throw new Error('MyException');
  });
  await expect(failing).rejects.toThrow('MyException');
  expect(await batchRefs()).toEqual([]);
});

it('commits what run() commits, through a session of its own', async () => {
  const uow = new TypeOrmUnitOfWork(db.dataSource);
  await uow.run(async () => {
    await uow.batches.add(new Batch('batch1', 'SMALL-TABLE', 100, null));
    await uow.commit();
  });
  expect(await batchRefs()).toEqual(['batch1']);
});
