import * as commands from 'ch13-di/src/domain/commands';
import { InvalidSku } from 'ch13-di/src/service-layer/handlers';
import { bootstrap } from '../../app/bootstrap';
import { CancelAllocation } from '../../app/messages';
import { dropPublished, FakeUnitOfWork } from '../fakes';
import { LogNotifications } from 'ch13-di/src/adapters/notifications';

function bootstrapTestApp() {
  return bootstrap({
    uow: new FakeUnitOfWork(),
    notifications: new LogNotifications(),
    publish: dropPublished,
  });
}

async function availableIn(
  bus: ReturnType<typeof bootstrapTestApp>,
  sku: string,
): Promise<Record<string, number>> {
  const product = await bus.uow.products.get(sku);
  return Object.fromEntries((product?.batches ?? []).map((b) => [b.reference, b.availableQuantity]));
}

it('cancelling an allocation frees its stock', async () => {
  const bus = bootstrapTestApp();
  await bus.handle(new commands.CreateBatch('b1', 'INDIFFERENT-TABLE', 10, null));
  await bus.handle(new commands.Allocate('o1', 'INDIFFERENT-TABLE', 10));

  await bus.handle(new CancelAllocation('o1', 'INDIFFERENT-TABLE'));

  expect(await availableIn(bus, 'INDIFFERENT-TABLE')).toEqual({ b1: 10 });
  await bus.handle(new commands.Allocate('o2', 'INDIFFERENT-TABLE', 10));
  expect(await availableIn(bus, 'INDIFFERENT-TABLE')).toEqual({ b1: 0 });
});

it('a cancelled line is not reallocated', async () => {
  const bus = bootstrapTestApp();
  await bus.handle(new commands.CreateBatch('b1', 'EMPTY-VASE', 10, null));
  await bus.handle(new commands.CreateBatch('b2', 'EMPTY-VASE', 10, '2011-01-02'));
  await bus.handle(new commands.Allocate('o1', 'EMPTY-VASE', 5));

  await bus.handle(new CancelAllocation('o1', 'EMPTY-VASE'));

  expect(await availableIn(bus, 'EMPTY-VASE')).toEqual({ b1: 10, b2: 10 });
});

it('cancelling what was never allocated changes nothing', async () => {
  const bus = bootstrapTestApp();
  await bus.handle(new commands.CreateBatch('b1', 'EMPTY-VASE', 10, null));
  await bus.handle(new commands.Allocate('o1', 'EMPTY-VASE', 5));

  await bus.handle(new CancelAllocation('o2', 'EMPTY-VASE'));

  expect(await availableIn(bus, 'EMPTY-VASE')).toEqual({ b1: 5 });
});

it('cancelling for an unknown sku raises InvalidSku', async () => {
  const bus = bootstrapTestApp();
  await expect(bus.handle(new CancelAllocation('o1', 'NONEXISTENTSKU'))).rejects.toThrow(
    new InvalidSku('Invalid sku NONEXISTENTSKU'),
  );
});

it('a cancelled allocation leaves the read model', async () => {
  const bus = bootstrapTestApp();
  await bus.handle(new commands.CreateBatch('b1', 'SMALL-RUG', 10, null));
  await bus.handle(new commands.Allocate('o1', 'SMALL-RUG', 1));
  bus.uow.session.executed.length = 0;

  await bus.handle(new CancelAllocation('o1', 'SMALL-RUG'));

  const deletes = bus.uow.session.executed.filter(([sql]) => /^DELETE FROM allocations_view/i.test(sql));
  expect(deletes).toHaveLength(1);
  expect(deletes[0]?.[1]).toEqual(expect.arrayContaining(['o1', 'SMALL-RUG']));
});
