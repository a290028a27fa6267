import { AbstractRepository } from '../../src/adapters/repository';
import * as email from '../../src/adapters/email';
import * as commands from '../../src/domain/commands';
import * as events from '../../src/domain/events';
import type { Product } from '../../src/domain/model';
import { InvalidBatchref, InvalidSku } from '../../src/service-layer/handlers';
import * as messagebus from '../../src/service-layer/messagebus';
import { AbstractUnitOfWork } from '../../src/service-layer/unit-of-work';
import { today } from './dates';

// The book patches email.send with mock.patch. Compiled module exports are read-only getters,
// so this copy of the real module gives jest.spyOn something it can patch.
jest.mock('../../src/adapters/email', () => ({
  __esModule: true,
  ...jest.requireActual<object>('../../src/adapters/email'),
}));

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

class FakeUnitOfWork extends AbstractUnitOfWork {
  readonly products = new FakeRepository([]);
  committed = false;

  async rollback(): Promise<void> {}

  protected async _commit(): Promise<void> {
    this.committed = true;
  }
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('add batch', () => {
  it('for new product', async () => {
    const uow = new FakeUnitOfWork();
    await messagebus.handle(new commands.CreateBatch('b1', 'CRUNCHY-ARMCHAIR', 100, null), uow);
    expect(await uow.products.get('CRUNCHY-ARMCHAIR')).not.toBeNull();
    expect(uow.committed).toBe(true);
  });

  it('for existing product', async () => {
    const uow = new FakeUnitOfWork();
    await messagebus.handle(new commands.CreateBatch('b1', 'GARISH-RUG', 100, null), uow);
    await messagebus.handle(new commands.CreateBatch('b2', 'GARISH-RUG', 99, null), uow);
    const product = await uow.products.get('GARISH-RUG');
    expect(product?.batches.map((b) => b.reference)).toContain('b2');
  });
});

describe('allocate', () => {
  it('allocates', async () => {
    const uow = new FakeUnitOfWork();
    await messagebus.handle(new commands.CreateBatch('batch1', 'COMPLICATED-LAMP', 100, null), uow);
    const results = await messagebus.handle(new commands.Allocate('o1', 'COMPLICATED-LAMP', 10), uow);
    expect(results.shift()).toBe('batch1');
    const [batch] = (await uow.products.get('COMPLICATED-LAMP'))?.batches ?? [];
    expect(batch?.availableQuantity).toBe(90);
  });

  it('errors for invalid sku', async () => {
    const uow = new FakeUnitOfWork();
    await messagebus.handle(new commands.CreateBatch('b1', 'AREALSKU', 100, null), uow);

    const attempt = messagebus.handle(new commands.Allocate('o1', 'NONEXISTENTSKU', 10), uow);

    await expect(attempt).rejects.toThrow(InvalidSku);
    await expect(attempt).rejects.toThrow('Invalid sku NONEXISTENTSKU');
  });

  it('commits', async () => {
    const uow = new FakeUnitOfWork();
    await messagebus.handle(new commands.CreateBatch('b1', 'OMINOUS-MIRROR', 100, null), uow);
    await messagebus.handle(new commands.Allocate('o1', 'OMINOUS-MIRROR', 10), uow);
    expect(uow.committed).toBe(true);
  });

  it('sends email on out of stock error', async () => {
    const uow = new FakeUnitOfWork();
    await messagebus.handle(new commands.CreateBatch('b1', 'POPULAR-CURTAINS', 9, null), uow);
    const send = jest.spyOn(email, 'send').mockImplementation(() => {});

    await messagebus.handle(new commands.Allocate('o1', 'POPULAR-CURTAINS', 10), uow);

    expect(send).toHaveBeenCalledWith('stock@made.com', 'Out of stock for POPULAR-CURTAINS');
  });

  it('the email stub only prints what it would send', () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);

    try {
      // the module itself, not the copy that the tests above patch
      const stub = jest.requireActual<typeof email>('../../src/adapters/email');
      stub.send('stock@made.com', 'Out of stock for POPULAR-CURTAINS');

      expect(write).toHaveBeenCalledWith('SENDING EMAIL: stock@made.com Out of stock for POPULAR-CURTAINS\n');
    } finally {
      write.mockRestore();
    }
  });
});

describe('the message bus', () => {
  it('makes an event with no handler an error that names it', async () => {
    class Unregistered extends events.Event {}

    await expect(messagebus.handle(new Unregistered(), new FakeUnitOfWork())).rejects.toThrow(
      'no handler for Unregistered',
    );
  });

  it('refuses what is neither an event nor a command, and says what it was', async () => {
    class Stray {
      readonly sku = 'LOST-SOCK';
    }

    await expect(messagebus.handle(new Stray() as never, new FakeUnitOfWork())).rejects.toThrow(
      'Stray{"sku":"LOST-SOCK"} was not an Event or Command',
    );
  });

  it('retries a failing event handler, logs it, and still returns the command result', async () => {
    const uow = new FakeUnitOfWork();
    await messagebus.handle(new commands.CreateBatch('b1', 'WOBBLY-STOOL', 1, null), uow);
    const send = jest.spyOn(email, 'send').mockImplementation(() => {
      throw new Error('the mail server is down');
    });
    const logged = jest.spyOn(messagebus.logger, 'error').mockImplementation(() => {});

    const results = await messagebus.handle(new commands.Allocate('o1', 'WOBBLY-STOOL', 2), uow);

    expect(results).toEqual([null]); // out of stock: the OutOfStock event's handler failed
    expect(send).toHaveBeenCalledTimes(3);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0]).toEqual([
      expect.objectContaining({
        err: new Error('the mail server is down'),
        handler: 'sendOutOfStockNotification',
      }),
      'Exception handling event',
    ]);
  });

  it('lets a failing command propagate to the caller', async () => {
    const uow = new FakeUnitOfWork();

    const attempt = messagebus.handle(new commands.Allocate('o1', 'NO-SUCH-SKU', 1), uow);

    await expect(attempt).rejects.toThrow(InvalidSku);
  });

  it('logs a failing command as an error, as the book logs the exception', async () => {
    const uow = new FakeUnitOfWork();
    const logged = jest.spyOn(messagebus.logger, 'error').mockImplementation(() => {});

    const attempt = messagebus.handle(new commands.Allocate('o1', 'NO-SUCH-SKU', 1), uow);

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
    const uow = new FakeUnitOfWork();
    await messagebus.handle(new commands.CreateBatch('batch1', 'ADORABLE-SETTEE', 100, null), uow);
    const [batch] = (await uow.products.get('ADORABLE-SETTEE'))?.batches ?? [];
    expect(batch?.availableQuantity).toBe(100);

    await messagebus.handle(new commands.ChangeBatchQuantity('batch1', 50), uow);

    expect(batch?.availableQuantity).toBe(50);
  });

  it('reallocates if necessary', async () => {
    const uow = new FakeUnitOfWork();
    const history = [
      new commands.CreateBatch('batch1', 'INDIFFERENT-TABLE', 50, null),
      new commands.CreateBatch('batch2', 'INDIFFERENT-TABLE', 50, today),
      new commands.Allocate('order1', 'INDIFFERENT-TABLE', 20),
      new commands.Allocate('order2', 'INDIFFERENT-TABLE', 20),
    ];
    for (const msg of history) await messagebus.handle(msg, uow);
    const [batch1, batch2] = (await uow.products.get('INDIFFERENT-TABLE'))?.batches ?? [];
    expect(batch1?.availableQuantity).toBe(10);
    expect(batch2?.availableQuantity).toBe(50);

    await messagebus.handle(new commands.ChangeBatchQuantity('batch1', 25), uow);

    // order1 or order2 will be deallocated, so we'll have 25 - 20
    expect(batch1?.availableQuantity).toBe(5);
    // and 20 will be reallocated to the next batch
    expect(batch2?.availableQuantity).toBe(30);
  });

  it('errors for an unknown batchref', async () => {
    const uow = new FakeUnitOfWork();

    const attempt = messagebus.handle(new commands.ChangeBatchQuantity('no-such-batch', 5), uow);

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
