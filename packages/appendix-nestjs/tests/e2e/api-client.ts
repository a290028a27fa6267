import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';
import { createApp } from '../../src/entrypoints/nest-app';
import { type TestDb, useTestDatabase } from '../database';

export interface Api {
  readonly url: string;
  /** The test database the app works on. */
  readonly db: TestDb;
  post(path: string, body: unknown): Promise<Response>;
}

/** Starts the app on a free port for the calling test file, on a test database of its own. */
export function useApi(logger: FastifyServerOptions['logger'] = false): Api {
  let app: NestFastifyApplication | undefined;
  let url: string | undefined;

  // registered before the database's hooks, so the app stops before its database goes (jest runs
  // afterAll hooks in the order they were registered)
  afterAll(async () => {
    app?.getHttpServer().closeAllConnections(); // fetch keeps connections alive, and would keep jest waiting
    await app?.close();
  });
  const db = useTestDatabase();

  beforeAll(async () => {
    app = await createApp({ dataSource: db.dataSource, logger });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = await app.getUrl();
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
