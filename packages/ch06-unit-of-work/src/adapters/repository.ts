import type { EntityManager } from 'typeorm';
import { Batch } from '../domain/model';

export abstract class AbstractRepository {
  abstract add(batch: Batch): Promise<void>;
  abstract get(reference: string): Promise<Batch>;
  abstract list(): Promise<Batch[]>;
}

export class TypeOrmRepository extends AbstractRepository {
  // typeorm tracks no changes, as SQLAlchemy's session does: remember what was handed out, and flush() saves it
  private readonly loaded = new Set<Batch>();

  constructor(private readonly manager: EntityManager) {
    super();
  }

  async add(batch: Batch): Promise<void> {
    await this.manager.save(batch);
    this.loaded.add(batch);
  }

  async get(reference: string): Promise<Batch> {
    return this.remember(await this.manager.findOneByOrFail(Batch, { reference }));
  }

  async list(): Promise<Batch[]> {
    return (await this.manager.find(Batch)).map((batch) => this.remember(batch));
  }

  /** Writes the changes made to every batch this repository handed out (SQLAlchemy's flush). */
  async flush(): Promise<void> {
    if (this.loaded.size > 0) await this.manager.save([...this.loaded]);
  }

  private remember(batch: Batch): Batch {
    this.loaded.add(batch);
    return batch;
  }
}
