import * as redisEventpublisher from '../../src/adapters/redis-eventpublisher';
import * as commands from '../../src/domain/commands';
import * as messagebus from '../../src/service-layer/messagebus';
import { TypeOrmUnitOfWork } from '../../src/service-layer/unit-of-work';
import * as views from '../../src/views';
import { today } from '../unit/dates';
import { useTestDatabase } from '../database';

// Redis is not what these tests are about: patch publishing out, as the book's handler tests do.
jest.mock('../../src/adapters/redis-eventpublisher', () => ({
  __esModule: true,
  ...jest.requireActual<object>('../../src/adapters/redis-eventpublisher'),
}));
beforeEach(() => {
  jest.spyOn(redisEventpublisher, 'publish').mockResolvedValue();
});

const db = useTestDatabase();

it('allocations view', async () => {
  const uow = new TypeOrmUnitOfWork(db.dataSource);
  await messagebus.handle(new commands.CreateBatch('sku1batch', 'sku1', 50, null), uow);
  await messagebus.handle(new commands.CreateBatch('sku2batch', 'sku2', 50, today), uow);
  await messagebus.handle(new commands.Allocate('order1', 'sku1', 20), uow);
  await messagebus.handle(new commands.Allocate('order1', 'sku2', 20), uow);
  // add a spurious batch and order to make sure we're getting the right ones
  await messagebus.handle(new commands.CreateBatch('sku1batch-later', 'sku1', 50, today), uow);
  await messagebus.handle(new commands.Allocate('otherorder', 'sku1', 30), uow);
  await messagebus.handle(new commands.Allocate('otherorder', 'sku2', 10), uow);

  expect(await views.allocations('order1', uow)).toEqual([
    { sku: 'sku1', batchref: 'sku1batch' },
    { sku: 'sku2', batchref: 'sku2batch' },
  ]);
});

it('deallocation', async () => {
  const uow = new TypeOrmUnitOfWork(db.dataSource);
  await messagebus.handle(new commands.CreateBatch('b1', 'sku1', 50, null), uow);
  await messagebus.handle(new commands.CreateBatch('b2', 'sku1', 50, today), uow);
  await messagebus.handle(new commands.Allocate('o1', 'sku1', 40), uow);
  await messagebus.handle(new commands.ChangeBatchQuantity('b1', 10), uow);

  expect(await views.allocations('o1', uow)).toEqual([{ sku: 'sku1', batchref: 'b2' }]);
});
