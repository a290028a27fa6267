import type { FastifyServerOptions } from 'fastify';
import { createApp } from '../../src/entrypoints/fastify-app';
import type { TestDb } from '../database';

export interface Api {
  readonly url: string;
  post(path: string, body: unknown): Promise<Response>;
}

/** Starts the app on a free port for the calling test file, talking to its test database. */
export function useApi(db: TestDb, logger: FastifyServerOptions['logger'] = false): Api {
  let app: ReturnType<typeof createApp> | undefined;
  let url: string | undefined;

  beforeAll(async () => {
    app = createApp({ dataSource: db.dataSource, logger });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    app?.server.closeAllConnections(); // fetch keeps connections alive, and would keep jest waiting
    await app?.close();
  });

  return {
    get url() {
      if (url === undefined) throw new Error('the API starts in beforeAll');
      return url;
    },
    post(path, body) {
      return fetch(`${this.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
  };
}

export async function postToAddBatch(
  api: Api,
  ref: string,
  sku: string,
  qty: number,
  eta: string | null,
): Promise<void> {
  const r = await api.post('/add_batch', { ref, sku, qty, eta });
  expect(r.status).toBe(201);
  await r.body?.cancel();
}
