import * as email from 'ch08-events/src/adapters/email';
import { Batch, OrderLine, Product } from 'ch08-events/src/domain/model';
import { TrackingRepository } from '../../src/adapters/repository';
import * as services from '../../src/service-layer/services';
import { AutoRollbackUoW, EventPublishingUoW } from '../../src/service-layer/unit-of-work';
import { FakeRepository, FakeUnitOfWork } from './fakes';

// compiled module exports are read-only getters: this copy of the module gives jest.spyOn something to patch
jest.mock('ch08-events/src/adapters/email', () => ({
  __esModule: true,
  ...jest.requireActual<object>('ch08-events/src/adapters/email'),
}));

it('a tracking repository remembers what it took in and handed out', async () => {
  const [taken, other] = [new Product('TAKEN', []), new Product('OTHER', [])];
  const inner = new FakeRepository();
  await inner.add(other);
  const repo = new TrackingRepository(inner);

  await repo.add(taken);
  expect(await repo.get('OTHER')).toBe(other);
  expect(await repo.get('MISSING')).toBeNull();

  expect([...repo.seen]).toEqual([taken, other]);
  expect(await inner.get('TAKEN')).toBe(taken); // the inner repository holds it
});

it('rolls back uncommitted work by default', async () => {
  const fake = new FakeUnitOfWork();
  const uow = new AutoRollbackUoW(fake);
  await uow.run(async () => {});
  expect(fake.rollbacks).toBe(1);
});

it('rolls back on error', async () => {
  const fake = new FakeUnitOfWork();
  const uow = new AutoRollbackUoW(fake);
  await expect(
    uow.run(async () => {
      throw new Error('MyException');
    }),
  ).rejects.toThrow('MyException');
  expect(fake.rollbacks).toBe(1);
});

it('publishes the events of the products it saw once it commits', async () => {
  const sendMail = jest.spyOn(email, 'sendMail').mockImplementation(() => {});
  const fake = new FakeUnitOfWork();
  const uow = new EventPublishingUoW(new AutoRollbackUoW(fake));
  await fake.products.add(new Product('POPULAR-CURTAINS', [new Batch('b1', 'POPULAR-CURTAINS', 9, null)]));
  fake.products.seen.clear();

  await uow.run(async () => {
    const product = await uow.products.get('POPULAR-CURTAINS');
    product?.allocate(new OrderLine('o1', 'POPULAR-CURTAINS', 10));
    expect(sendMail).not.toHaveBeenCalled(); // nothing goes out before the commit
    await uow.commit();
  });

  expect(fake.commits).toBe(1);
  expect(sendMail).toHaveBeenCalledWith('stock@made.com', 'Out of stock for POPULAR-CURTAINS');
});

it('the services work on the wrapped fake: sends email on out of stock error', async () => {
  const sendMail = jest.spyOn(email, 'sendMail').mockImplementation(() => {});
  const fake = new FakeUnitOfWork();
  const uow = new EventPublishingUoW(new AutoRollbackUoW(fake));
  await services.addBatch('b1', 'POPULAR-CURTAINS', 9, null, uow);

  await services.allocate('o1', 'POPULAR-CURTAINS', 10, uow);

  expect(fake.commits).toBe(2);
  expect(sendMail).toHaveBeenCalledWith('stock@made.com', 'Out of stock for POPULAR-CURTAINS');
});
