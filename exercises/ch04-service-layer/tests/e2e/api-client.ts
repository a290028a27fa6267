import { type TestDb, useTestDatabase } from 'ch04-service-layer/tests/database';
import { createApp } from '../../src/entrypoints/fastify-app';

export interface Api {
  readonly db: TestDb;
  /** POSTs JSON; a route that is not there yet fails the test, saying which to write. */
  post(path: string, body: unknown): Promise<Response>;
}

/** Starts your app (src/entrypoints/fastify-app.ts) on a free port, on a test database of its own. */
export function useApi(): Api {
  let app: ReturnType<typeof createApp> | undefined;
  let url: string | undefined;
  afterAll(async () => {
    app?.server.closeAllConnections();
    await app?.close();
  });
  const db = useTestDatabase();
  beforeAll(async () => {
    app = createApp({ dataSource: db.dataSource, logger: false });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  return {
    db,
    async post(path, body) {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status === 404)
        throw new Error(`To do: POST ${path} answers 404. Add the route to src/entrypoints/fastify-app.ts.`);
      return response;
    },
  };
}

/** The helper that the companion's e2e test calls and its branch never defines: a batch, through the API. */
export async function postToAddBatch(api: Api, ref: string, sku: string, qty: number, eta: string | null) {
  const r = await api.post('/add_batch', { ref, sku, qty, eta });
  expect(r.status).toBe(201);
}
