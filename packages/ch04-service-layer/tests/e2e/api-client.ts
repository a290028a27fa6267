import type { FastifyServerOptions } from 'fastify';
import { createApp } from '../../src/entrypoints/fastify-app';
import { type TestDb, useTestDatabase } from '../database';

export interface Api {
  readonly url: string;
  /** The test database the app works on. */
  readonly db: TestDb;
  post(path: string, body: unknown): Promise<Response>;
}

/** Starts the app on a free port for the calling test file, on a test database of its own. */
export function useApi(logger: FastifyServerOptions['logger'] = false): Api {
  let app: ReturnType<typeof createApp> | undefined;
  let url: string | undefined;

  // registered before the database's hooks, so the app stops before its database goes (jest runs
  // afterAll hooks in the order they were registered)
  afterAll(async () => {
    app?.server.closeAllConnections(); // fetch keeps connections alive, and would keep jest waiting
    await app?.close();
  });
  const db = useTestDatabase();

  beforeAll(async () => {
    app = createApp({ dataSource: db.dataSource, logger });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  return {
    db,
    get url() {
      if (url === undefined) throw new Error('the API starts in beforeAll');
      return url;
    },
    post(path, body) {
      return fetch(`${this.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
      });
    },
  };
}

/** The book's `add_stock` fixture: there is no POST /add_batch yet, so batches go straight into the database. */
export async function addStock(
  api: Api,
  lines: readonly [ref: string, sku: string, qty: number, eta: string | null][],
): Promise<void> {
  for (const [ref, sku, qty, eta] of lines) {
    await api.db.dataSource.query(
      'INSERT INTO batches (reference, sku, _purchased_quantity, eta) VALUES ($1, $2, $3, $4)',
      [ref, sku, qty, eta],
    );
  }
}
