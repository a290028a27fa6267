import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashFile, sync } from '../../src/sync';

describe('E2E', () => {
  let source: string;
  let dest: string;

  beforeEach(async () => {
    source = await mkdtemp(join(tmpdir(), 'sync-source-'));
    dest = await mkdtemp(join(tmpdir(), 'sync-dest-'));
  });

  afterEach(async () => {
    await rm(source, { recursive: true, force: true });
    await rm(dest, { recursive: true, force: true });
  });

  it('when a file exists in the source but not the destination', async () => {
    const content = 'I am a very useful file';
    await writeFile(join(source, 'my-file'), content);

    await sync(source, dest);

    const expectedPath = join(dest, 'my-file');
    expect(existsSync(expectedPath)).toBe(true);
    expect(await readFile(expectedPath, 'utf8')).toBe(content);
  });

  it('when a file has been renamed in the source', async () => {
    const content = 'I am a file that was renamed';
    const sourcePath = join(source, 'source-filename');
    const oldDestPath = join(dest, 'dest-filename');
    const expectedDestPath = join(dest, 'source-filename');
    await writeFile(sourcePath, content);
    await writeFile(oldDestPath, content);

    await sync(source, dest);

    expect(existsSync(oldDestPath)).toBe(false);
    expect(await readFile(expectedDestPath, 'utf8')).toBe(content);
  });

  it('when a file has been deleted from the source', async () => {
    const oldDestPath = join(dest, 'deleted-file');
    await writeFile(oldDestPath, 'I am no longer wanted');

    await sync(source, dest);

    expect(existsSync(oldDestPath)).toBe(false);
  });

  it('when a file has been changed in the source', async () => {
    await writeFile(join(source, 'my-file'), 'the new version');
    await writeFile(join(dest, 'my-file'), 'the old version');

    await sync(source, dest);

    expect(await readFile(join(dest, 'my-file'), 'utf8')).toBe('the new version');
  });

  it('when a file is in a subfolder of the source', async () => {
    const content = 'I am nested';
    await mkdir(join(source, 'sub', 'folder'), { recursive: true });
    await writeFile(join(source, 'sub', 'folder', 'my-file'), content);

    await sync(source, dest);

    expect(await readFile(join(dest, 'sub', 'folder', 'my-file'), 'utf8')).toBe(content);
  });
});

it('hash file reads a file bigger than one block', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'sync-hash-'));
  try {
    const content = Buffer.alloc(3 * 65536 + 7, 'cosmic');
    await writeFile(join(folder, 'big-file'), content);

    const hash = await hashFile(join(folder, 'big-file'));

    expect(hash).toBe(createHash('sha1').update(content).digest('hex'));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
