import { Batch } from '../domain/model';
import type { TypeOrmSession } from './session';

export abstract class AbstractRepository {
  abstract add(batch: Batch): Promise<void>;
  abstract get(reference: string): Promise<Batch>;
  abstract list(): Promise<Batch[]>;
}

export class TypeOrmRepository extends AbstractRepository {
  constructor(private readonly session: TypeOrmSession) {
    super();
  }

  async add(batch: Batch): Promise<void> {
    this.session.add(batch);
  }

  async get(reference: string): Promise<Batch> {
    return this.session.manager.findOneByOrFail(Batch, { reference });
  }

  async list(): Promise<Batch[]> {
    return this.session.manager.find(Batch);
  }
}
