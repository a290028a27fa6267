import type { Logger } from 'typeorm';

const SERIALIZATION_FAILURE = '40001';

export interface Totals {
  readonly statements: number;
  readonly serializationFailures: number;
}

/**
 * A typeorm Logger that counts every statement the DataSource sends, transaction control included
 * (typeorm logs START TRANSACTION, SET TRANSACTION and COMMIT through logQuery too), and the
 * statements PostgreSQL refused with a serialization failure.
 */
export class StatementCounter implements Logger {
  private statements = 0;
  private serializationFailures = 0;
  private recording?: string[];

  totals(): Totals {
    return { statements: this.statements, serializationFailures: this.serializationFailures };
  }

  logQuery(query: string): void {
    this.statements += 1;
    this.recording?.push(query);
  }

  logQueryError(error: string | Error): void {
    if (typeof error === 'object' && (error as { code?: unknown }).code === SERIALIZATION_FAILURE)
      this.serializationFailures += 1;
  }

  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}

  /** The statements sent while `work` ran; nothing else may use the DataSource meanwhile. */
  async record(work: () => Promise<void>): Promise<string[]> {
    const recorded: string[] = [];
    this.recording = recorded;
    try {
      await work();
    } finally {
      this.recording = undefined;
    }
    return recorded;
  }
}
