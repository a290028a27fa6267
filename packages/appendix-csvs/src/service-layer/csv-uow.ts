import { join } from 'node:path';
import {
  ALLOCATIONS_CSV,
  CsvRepository,
  type CsvState,
  readCsvState,
  writeAllocations,
} from '../adapters/csv-repository';
import { AbstractUnitOfWork } from './unit-of-work';

/**
 * A unit of work over a folder of CSV files: reads `batches.csv` and `allocations.csv` once, and each
 * commit writes every allocation to `commitTo` (the folder's `allocations.csv` unless told otherwise).
 */
export class CsvUnitOfWork extends AbstractUnitOfWork {
  private committed: CsvState;
  private current: CsvRepository;

  constructor(
    folder: string,
    private readonly commitTo = join(folder, ALLOCATIONS_CSV),
  ) {
    super();
    this.committed = readCsvState(folder);
    this.current = new CsvRepository(this.committed);
  }

  get batches(): CsvRepository {
    return this.current;
  }

  async commit(): Promise<void> {
    const state = this.current.state();
    await writeAllocations(this.commitTo, state.allocations);
    this.committed = state;
  }

  /** The book's CSV rollback does nothing; here the batches go back to what was last committed. */
  async rollback(): Promise<void> {
    this.current = new CsvRepository(this.committed);
  }
}
