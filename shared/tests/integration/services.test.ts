import { createConnection } from 'node:net';
import { Client } from 'pg';
import { createTransport } from 'nodemailer';
import { createTestDatabase, randomSuffix, startMailCatcher, startRedis, startTcpProxy } from '../../src';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

function redisPing(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: hostname, port: Number(port) }, () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.end();
      resolve(data.toString().trim());
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('connection closed without an answer')));
  });
}

describe('PostgreSQL for tests', () => {
  it('gives each test file a database of its own, and drops it afterwards', async () => {
    const first = await createTestDatabase();
    const second = await createTestDatabase();
    try {
      await query(first.url, 'CREATE TABLE only_in_first (id int)');

      const inSecond = await query(second.url, "SELECT to_regclass('only_in_first') AS t");

      expect(first.url).not.toEqual(second.url);
      expect(inSecond).toEqual([{ t: null }]);
    } finally {
      await first.drop();
      await second.drop();
    }
    const name = new URL(first.url).username;
    const left = await query<{ roles: number; schemas: number }>(
      process.env.DATABASE_URL ?? '',
      `SELECT (SELECT count(*)::int FROM pg_roles WHERE rolname = '${name}') AS roles,
              (SELECT count(*)::int FROM pg_namespace WHERE nspname = '${name}') AS schemas`,
    );
    expect(left).toEqual([{ roles: 0, schemas: 0 }]);
  });
});

describe('Redis for tests', () => {
  it('answers PING', async () => {
    const redis = await startRedis();
    try {
      expect(await redisPing(redis.url)).toBe('+PONG');
    } finally {
      await redis.stop();
    }
  });
});

describe('SMTP for tests', () => {
  it('reads back what was sent', async () => {
    const smtp = await startMailCatcher();
    try {
      const subject = `hi ${randomSuffix()}`; // a shared Mailpit (SMTP_URL) may hold others' mail
      const transport = createTransport({ url: smtp.url });
      await transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject, text: 'hello there' });
      transport.close();

      const mail = (await smtp.messages()).find((message) => message.subject === subject);

      expect(mail).toMatchObject({ from: 'a@example.com', to: ['b@example.com'], subject });
      expect(mail?.text).toContain('hello there');
    } finally {
      await smtp.stop();
    }
  });
});

describe('a TCP proxy for tests', () => {
  it('forwards to the service, and can make it go away and come back', async () => {
    const redis = await startRedis();
    const proxy = await startTcpProxy(redis.url);
    try {
      expect(await redisPing(proxy.url)).toBe('+PONG');

      const { hostname, port } = new URL(proxy.url);
      const socket = createConnection({ host: hostname, port: Number(port) });
      await new Promise((resolve) => socket.once('connect', resolve));
      const closed = new Promise((resolve) => socket.once('close', resolve));
      proxy.down();

      await expect(closed).resolves.toBe(false);
      await expect(redisPing(proxy.url)).rejects.toThrow();
      proxy.up();
      expect(await redisPing(proxy.url)).toBe('+PONG');
    } finally {
      await proxy.stop();
      await redis.stop();
    }
  });
});
