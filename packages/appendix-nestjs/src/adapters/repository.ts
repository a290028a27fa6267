import type { Batch } from '../domain/model';
import * as models from './models';

export abstract class AbstractRepository {
  readonly seen = new Set<Batch>(); // what the unit of work saves at commit: the models track nothing

  async add(batch: Batch): Promise<void> {
    this.seen.add(batch);
  }

  async get(reference: string): Promise<Batch> {
    const batch = await this._get(reference);
    this.seen.add(batch);
    return batch;
  }

  abstract list(): Promise<Batch[]>;

  protected abstract _get(reference: string): Promise<Batch>;
}

/** The book's DjangoRepository: the domain's batches to and from the framework's models. */
export class ActiveRecordRepository extends AbstractRepository {
  override async add(batch: Batch): Promise<void> {
    await super.add(batch);
    await models.Batch.createFromDomain(batch); // the book's calls update(), which overwrites a batch of that reference
  }

  async update(batch: Batch): Promise<void> {
    await models.Batch.updateFromDomain(batch);
  }

  protected async _get(reference: string): Promise<Batch> {
    return (await models.Batch.findOneByOrFail({ reference })).toDomain();
  }

  /** Seen too, unlike the book's: allocate() changes batches it listed (cosmicpython/code issue 34). */
  async list(): Promise<Batch[]> {
    const batches = (await models.Batch.find()).map((batch) => batch.toDomain());
    for (const batch of batches) this.seen.add(batch);
    return batches;
  }
}
