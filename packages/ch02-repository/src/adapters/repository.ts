import type { EntityManager } from 'typeorm';
import { Batch } from '../domain/model';

export abstract class AbstractRepository {
  abstract add(batch: Batch): Promise<void>;
  abstract get(reference: string): Promise<Batch>;
  abstract list(): Promise<Batch[]>;
}

export class TypeOrmRepository extends AbstractRepository {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async add(batch: Batch): Promise<void> {
    await this.manager.save(batch);
  }

  async get(reference: string): Promise<Batch> {
    return this.manager.findOneByOrFail(Batch, { reference });
  }

  async list(): Promise<Batch[]> {
    return this.manager.find(Batch);
  }
}
