import { Batch, OrderLine, OutOfStock } from '../../src/domain/model';
import { AbstractRepository } from '../../src/adapters/repository';
import * as services from '../../src/service-layer/services';

class FakeRepository extends AbstractRepository {
  private readonly batches: Set<Batch>;

  constructor(batches: Iterable<Batch>) {
    super();
    this.batches = new Set(batches);
  }

  async add(batch: Batch): Promise<void> {
    this.batches.add(batch);
  }

  async get(reference: string): Promise<Batch> {
    const batch = [...this.batches].find((b) => b.reference === reference);
    if (batch === undefined) throw new Error(`no batch ${reference}`);
    return batch;
  }

  async list(): Promise<Batch[]> {
    return [...this.batches];
  }
}

class FakeSession implements services.Session {
  committed = false;

  async commit(): Promise<void> {
    this.committed = true;
  }
}

it('returns allocation', async () => {
  const line = new OrderLine('o1', 'COMPLICATED-LAMP', 10);
  const batch = new Batch('b1', 'COMPLICATED-LAMP', 100, null);
  const repo = new FakeRepository([batch]);

  const result = await services.allocate(line, repo, new FakeSession());

  expect(result).toBe('b1');
});

it('error for invalid sku', async () => {
  const line = new OrderLine('o1', 'NONEXISTENTSKU', 10);
  const batch = new Batch('b1', 'AREALSKU', 100, null);
  const repo = new FakeRepository([batch]);

  const attempt = services.allocate(line, repo, new FakeSession());

  await expect(attempt).rejects.toThrow(services.InvalidSku);
  await expect(attempt).rejects.toThrow('Invalid sku NONEXISTENTSKU');
});

it('commits', async () => {
  const line = new OrderLine('o1', 'OMINOUS-MIRROR', 10);
  const batch = new Batch('b1', 'OMINOUS-MIRROR', 100, null);
  const repo = new FakeRepository([batch]);
  const session = new FakeSession();

  await services.allocate(line, repo, session);

  expect(session.committed).toBe(true);
});

it('does not commit when out of stock', async () => {
  const line = new OrderLine('o1', 'SMALL-FORK', 11);
  const batch = new Batch('b1', 'SMALL-FORK', 10, null);
  const repo = new FakeRepository([batch]);
  const session = new FakeSession();

  await expect(services.allocate(line, repo, session)).rejects.toThrow(OutOfStock);

  expect(session.committed).toBe(false);
});

it('allocates a sku that only some of the batches hold', async () => {
  const repo = new FakeRepository([
    new Batch('b1', 'OTHER-SKU', 100, null),
    new Batch('b2', 'ROUND-TABLE', 100, null),
  ]);
  const line = new OrderLine('o1', 'ROUND-TABLE', 10);

  expect(await services.allocate(line, repo, new FakeSession())).toBe('b2');
});

it('invalid sku errors carry their name into logs', () => {
  expect(String(new services.InvalidSku('Invalid sku NONEXISTENTSKU'))).toBe(
    'InvalidSku: Invalid sku NONEXISTENTSKU',
  );
});
