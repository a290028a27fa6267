import * as email from '../../src/adapters/email';
import { AbstractRepository } from '../../src/adapters/repository';
import type { Product } from '../../src/domain/model';
import * as services from '../../src/service-layer/services';
import { AbstractUnitOfWork } from '../../src/service-layer/unit-of-work';

// The book patches email.send_mail with mock.patch. Compiled module exports are read-only getters,
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
}

class FakeUnitOfWork extends AbstractUnitOfWork {
  readonly products = new FakeRepository([]);
  committed = false;

  async rollback(): Promise<void> {}

  protected async _commit(): Promise<void> {
    this.committed = true;
  }
}

it('add batch for new product', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'CRUNCHY-ARMCHAIR', 100, null, uow);
  expect(await uow.products.get('CRUNCHY-ARMCHAIR')).not.toBeNull();
  expect(uow.committed).toBe(true);
});

it('add batch for existing product', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'GARISH-RUG', 100, null, uow);
  await services.addBatch('b2', 'GARISH-RUG', 99, null, uow);
  const product = await uow.products.get('GARISH-RUG');
  expect(product?.batches.map((b) => b.reference)).toContain('b2');
});

it('allocate returns allocation', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('batch1', 'COMPLICATED-LAMP', 100, null, uow);
  const result = await services.allocate('o1', 'COMPLICATED-LAMP', 10, uow);
  expect(result).toBe('batch1');
});

it('allocate errors for invalid sku', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'AREALSKU', 100, null, uow);

  const attempt = services.allocate('o1', 'NONEXISTENTSKU', 10, uow);

  await expect(attempt).rejects.toThrow(services.InvalidSku);
  await expect(attempt).rejects.toThrow('Invalid sku NONEXISTENTSKU');
});

it('allocate commits', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'OMINOUS-MIRROR', 100, null, uow);
  await services.allocate('o1', 'OMINOUS-MIRROR', 10, uow);
  expect(uow.committed).toBe(true);
});

it('sends email on out of stock error', async () => {
  const uow = new FakeUnitOfWork();
  await services.addBatch('b1', 'POPULAR-CURTAINS', 9, null, uow);
  const sendMail = jest.spyOn(email, 'sendMail').mockImplementation(() => {});

  try {
    await services.allocate('o1', 'POPULAR-CURTAINS', 10, uow);

    expect(sendMail).toHaveBeenCalledWith('stock@made.com', 'Out of stock for POPULAR-CURTAINS');
  } finally {
    sendMail.mockRestore();
  }
});

it('the email stub only prints what it would send', () => {
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);

  try {
    // the module itself, not the copy that the tests above patch
    const stub = jest.requireActual<typeof email>('../../src/adapters/email');
    stub.sendMail('stock@made.com', 'Out of stock for POPULAR-CURTAINS');

    expect(write).toHaveBeenCalledWith('SENDING EMAIL: stock@made.com Out of stock for POPULAR-CURTAINS\n');
  } finally {
    write.mockRestore();
  }
});

it('invalid sku errors carry their name into logs', () => {
  expect(String(new services.InvalidSku('Invalid sku NONEXISTENTSKU'))).toBe(
    'InvalidSku: Invalid sku NONEXISTENTSKU',
  );
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
