import { AbstractNotifications, LogNotifications } from '../../src/adapters/notifications';
import { AbstractRepository } from '../../src/adapters/repository';
import { bootstrap } from '../../src/bootstrap';
import * as commands from '../../src/domain/commands';
import * as events from '../../src/domain/events';
import type { Product } from '../../src/domain/model';
import { InvalidBatchref, InvalidSku, type Publish } from '../../src/service-layer/handlers';
import { logger, type MessageBus } from '../../src/service-layer/messagebus';
import { AbstractUnitOfWork, type SqlSession } from '../../src/service-layer/unit-of-work';
import { today } from './dates';

class FakeRepository extends AbstractRepository {
  private readonly products: Set<Product>;

  constructor(products: Iterable<Product>) {
    super();
    this.products = new Set(products);
  }

  protected async _add(product: Product): Promise<void> {
    this.products.add(product);
  }

  protected async _get(sku: string): Promise<Product | null> {
    return [...this.products].find((p) => p.sku === sku) ?? null;
  }

  protected async _getByBatchref(batchref: string): Promise<Product | null> {
    return [...this.products].find((p) => p.batches.some((b) => b.reference === batchref)) ?? null;
  }
}

/** Keeps the read model's SQL instead of running it: these tests are about the write side. */
class FakeSession implements SqlSession {
  readonly executed: string[] = [];
  readonly parameters: unknown[][] = [];

  async execute<T>(sql: string, parameters: unknown[] = []): Promise<T> {
    this.executed.push(sql);
    this.parameters.push(parameters);
    return [] as T;
  }
}

class FakeUnitOfWork extends AbstractUnitOfWork {
  readonly products = new FakeRepository([]);
  readonly session = new FakeSession();
  committed = false;

  async rollback(): Promise<void> {}

  protected async _commit(): Promise<void> {
    this.committed = true;
  }
}

class FakeNotifications extends AbstractNotifications {
  readonly sent = new Map<string, string[]>();

  async send(destination: string, message: string): Promise<void> {
    this.sent.set(destination, [...(this.sent.get(destination) ?? []), message]);
  }
}

/** A publish that only remembers what it was given. */
function fakePublish(): Publish & { published: [string, events.Event][] } {
  const published: [string, events.Event][] = [];
  return Object.assign(
    async (channel: string, event: events.Event) => void published.push([channel, event]),
    {
      published,
    },
  );
}

function bootstrapTestApp(): MessageBus<FakeUnitOfWork> {
  return bootstrap({
    uow: new FakeUnitOfWork(),
    notifications: new FakeNotifications(),
    publish: fakePublish(),
  });
}

describe('add batch', () => {
  it('for new product', async () => {
    const bus = bootstrapTestApp();
    await bus.handle(new commands.CreateBatch('b1', 'CRUNCHY-ARMCHAIR', 100, null));
    expect(await bus.uow.products.get('CRUNCHY-ARMCHAIR')).not.toBeNull();
    expect(bus.uow.committed).toBe(true);
  });

  it('for existing product', async () => {
    const bus = bootstrapTestApp();
    await bus.handle(new commands.CreateBatch('b1', 'GARISH-RUG', 100, null));
    await bus.handle(new commands.CreateBatch('b2', 'GARISH-RUG', 99, null));
    const product = await bus.uow.products.get('GARISH-RUG');
    expect(product?.batches.map((b) => b.reference)).toContain('b2');
  });
});

describe('allocate', () => {
  it('allocates', async () => {
    const bus = bootstrapTestApp();
    await bus.handle(new commands.CreateBatch('batch1', 'COMPLICATED-LAMP', 100, null));
    await bus.handle(new commands.Allocate('o1', 'COMPLICATED-LAMP', 10));
    const [batch] = (await bus.uow.products.get('COMPLICATED-LAMP'))?.batches ?? [];
    expect(batch?.availableQuantity).toBe(90);
  });

  it('errors for invalid sku', async () => {
    const bus = bootstrapTestApp();
    await bus.handle(new commands.CreateBatch('b1', 'AREALSKU', 100, null));

    const attempt = bus.handle(new commands.Allocate('o1', 'NONEXISTENTSKU', 10));

    await expect(attempt).rejects.toThrow(InvalidSku);
    await expect(attempt).rejects.toThrow('Invalid sku NONEXISTENTSKU');
  });

  it('commits', async () => {
    const bus = bootstrapTestApp();
    await bus.handle(new commands.CreateBatch('b1', 'OMINOUS-MIRROR', 100, null));
    await bus.handle(new commands.Allocate('o1', 'OMINOUS-MIRROR', 10));
    expect(bus.uow.committed).toBe(true);
  });

  it('sends email on out of stock error', async () => {
    const fakeNotifs = new FakeNotifications();
    const bus = bootstrap({ uow: new FakeUnitOfWork(), notifications: fakeNotifs, publish: fakePublish() });
    await bus.handle(new commands.CreateBatch('b1', 'POPULAR-CURTAINS', 9, null));
    await bus.handle(new commands.Allocate('o1', 'POPULAR-CURTAINS', 10));
    expect(fakeNotifs.sent.get('stock@made.com')).toEqual(['Out of stock for POPULAR-CURTAINS']);
  });

  it('without an SMTP server, the notifications only log what they would send', async () => {
    const notifications = new LogNotifications();
    const info = jest.spyOn(notifications['logger'], 'info').mockImplementation(() => {});

    await notifications.send('stock@made.com', 'Out of stock for POPULAR-CURTAINS');

    expect(info).toHaveBeenCalledWith(
      { destination: 'stock@made.com', message: 'Out of stock for POPULAR-CURTAINS' },
      'SENDING EMAIL (no SMTP_URL set, so only logged)',
    );
  });

  it('publishes the allocation and records it in the read model', async () => {
    const publish = fakePublish();
    const bus = bootstrap({ uow: new FakeUnitOfWork(), notifications: new FakeNotifications(), publish });
    await bus.handle(new commands.CreateBatch('b1', 'SHINY-KETTLE', 10, null));

    await bus.handle(new commands.Allocate('o1', 'SHINY-KETTLE', 1));

    expect(publish.published).toEqual([
      [
        'line_allocated',
        expect.objectContaining({ orderid: 'o1', sku: 'SHINY-KETTLE', qty: 1, batchref: 'b1' }),
      ],
    ]);
    expect(bus.uow.session.executed).toEqual([expect.stringContaining('INSERT INTO allocations_view')]);
  });

  it('records the allocation in the read model under its order, sku and batch', async () => {
    const bus = bootstrapTestApp();
    await bus.handle(new commands.CreateBatch('b1', 'SHINY-KETTLE', 10, null));

    await bus.handle(new commands.Allocate('o1', 'SHINY-KETTLE', 1));

    expect(bus.uow.session.parameters).toEqual([['o1', 'SHINY-KETTLE', 'b1']]);
  });
});

describe('the message bus', () => {
  it('makes an event with no handler an error that names it', async () => {
    class Unregistered extends events.Event {}

    await expect(bootstrapTestApp().handle(new Unregistered())).rejects.toThrow(
      'no handler for Unregistered',
    );
  });

  it('refuses what is neither an event nor a command, and says what it was', async () => {
    class Stray {
      readonly sku = 'LOST-SOCK';
    }

    await expect(bootstrapTestApp().handle(new Stray() as never)).rejects.toThrow(
      'Stray{"sku":"LOST-SOCK"} was not an Event or Command',
    );
  });

  it('retries a failing event handler, logs it, and still runs the other handlers', async () => {
    let attempts = 0;
    const failingPublish: Publish = async () => {
      attempts += 1;
      throw new Error('Redis is down');
    };
    const bus = bootstrap({
      uow: new FakeUnitOfWork(),
      notifications: new FakeNotifications(),
      publish: failingPublish,
    });
    await bus.handle(new commands.CreateBatch('b1', 'WOBBLY-STOOL', 10, null));
    const logged = jest.spyOn(logger, 'error').mockImplementation(() => {});

    try {
      await bus.handle(new commands.Allocate('o1', 'WOBBLY-STOOL', 1));

      expect(attempts).toBe(3);
      expect(logged).toHaveBeenCalledTimes(1);
      expect(logged.mock.calls[0]).toEqual([
        expect.objectContaining({ err: new Error('Redis is down'), handler: 'publishAllocatedEvent' }),
        'Exception handling event',
      ]);
      expect(bus.uow.session.executed).toEqual([expect.stringContaining('INSERT INTO allocations_view')]);
    } finally {
      logged.mockRestore();
    }
  });

  it('lets a failing command propagate to the caller', async () => {
    const bus = bootstrapTestApp();

    await expect(bus.handle(new commands.Allocate('o1', 'NO-SUCH-SKU', 1))).rejects.toThrow(InvalidSku);
  });

  it('logs a failing command as an error, as the book logs the exception', async () => {
    const bus = bootstrapTestApp();
    const logged = jest.spyOn(logger, 'error').mockImplementation(() => {});

    const attempt = bus.handle(new commands.Allocate('o1', 'NO-SUCH-SKU', 1));

    await expect(attempt).rejects.toThrow(InvalidSku);
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ err: new InvalidSku('Invalid sku NO-SUCH-SKU') }),
      'Exception handling command',
    );
    logged.mockRestore();
  });
});

describe('change batch quantity', () => {
  it('changes available quantity', async () => {
    const bus = bootstrapTestApp();
    await bus.handle(new commands.CreateBatch('batch1', 'ADORABLE-SETTEE', 100, null));
    const [batch] = (await bus.uow.products.get('ADORABLE-SETTEE'))?.batches ?? [];
    expect(batch?.availableQuantity).toBe(100);

    await bus.handle(new commands.ChangeBatchQuantity('batch1', 50));
    expect(batch?.availableQuantity).toBe(50);
  });

  it('reallocates if necessary', async () => {
    const bus = bootstrapTestApp();
    const history = [
      new commands.CreateBatch('batch1', 'INDIFFERENT-TABLE', 50, null),
      new commands.CreateBatch('batch2', 'INDIFFERENT-TABLE', 50, today),
      new commands.Allocate('order1', 'INDIFFERENT-TABLE', 20),
      new commands.Allocate('order2', 'INDIFFERENT-TABLE', 20),
    ];
    for (const msg of history) await bus.handle(msg);
    const [batch1, batch2] = (await bus.uow.products.get('INDIFFERENT-TABLE'))?.batches ?? [];
    expect(batch1?.availableQuantity).toBe(10);
    expect(batch2?.availableQuantity).toBe(50);

    await bus.handle(new commands.ChangeBatchQuantity('batch1', 25));

    // order1 or order2 will be deallocated, so we'll have 25 - 20
    expect(batch1?.availableQuantity).toBe(5);
    // and 20 will be reallocated to the next batch
    expect(batch2?.availableQuantity).toBe(30);
  });

  it('takes a deallocated line out of the read model', async () => {
    const bus = bootstrapTestApp();
    await bus.handle(new commands.CreateBatch('batch1', 'INDIFFERENT-TABLE', 50, null));
    await bus.handle(new commands.Allocate('order1', 'INDIFFERENT-TABLE', 20));
    bus.uow.session.executed.length = 0;
    bus.uow.session.parameters.length = 0;

    await bus.handle(new commands.ChangeBatchQuantity('batch1', 10));

    expect(bus.uow.session.executed).toEqual([expect.stringContaining('DELETE FROM allocations_view')]);
    expect(bus.uow.session.parameters).toEqual([['order1', 'INDIFFERENT-TABLE']]);
  });

  it('handles the events that event handlers raise: a reallocation is published', async () => {
    const publish = fakePublish();
    const bus = bootstrap({ uow: new FakeUnitOfWork(), notifications: new FakeNotifications(), publish });
    const history = [
      new commands.CreateBatch('batch1', 'INDIFFERENT-TABLE', 50, null),
      new commands.CreateBatch('batch2', 'INDIFFERENT-TABLE', 50, today),
      new commands.Allocate('order1', 'INDIFFERENT-TABLE', 20),
    ];
    for (const msg of history) await bus.handle(msg);
    publish.published.length = 0;

    // Deallocated is handled by reallocate, whose Allocated event the bus must then handle too
    await bus.handle(new commands.ChangeBatchQuantity('batch1', 10));

    expect(publish.published).toEqual([
      ['line_allocated', expect.objectContaining({ orderid: 'order1', batchref: 'batch2' })],
    ]);
  });

  it('errors for an unknown batchref', async () => {
    const bus = bootstrapTestApp();

    const attempt = bus.handle(new commands.ChangeBatchQuantity('no-such-batch', 5));

    await expect(attempt).rejects.toThrow(InvalidBatchref);
    await expect(attempt).rejects.toThrow('Invalid batchref no-such-batch');
  });
});

it('invalid sku errors carry their name into logs', () => {
  expect(String(new InvalidSku('Invalid sku NONEXISTENTSKU'))).toBe('InvalidSku: Invalid sku NONEXISTENTSKU');
});

it('a unit of work rolls back whatever its block leaves uncommitted, even when the block fails', async () => {
  const rollbacks: string[] = [];
  class RecordingUnitOfWork extends FakeUnitOfWork {
    override async rollback(): Promise<void> {
      rollbacks.push('rollback');
    }
  }
  const uow = new RecordingUnitOfWork();

  await uow.run(async () => {});
  await expect(uow.run(async () => Promise.reject(new Error('the block failed')))).rejects.toThrow(
    'the block failed',
  );

  expect(rollbacks).toEqual(['rollback', 'rollback']);
});

it('invalid batchref errors carry their name into logs', () => {
  expect(String(new InvalidBatchref('Invalid batchref b1'))).toBe('InvalidBatchref: Invalid batchref b1');
});
