import { type Action, determineActions, type FileSystem, type Hashes, sync } from '../../src/sync';

it('when a file exists in the source but not the destination', () => {
  const sourceHashes = new Map([['hash1', 'fn1']]);
  const destHashes = new Map<string, string>();

  const actions = determineActions(sourceHashes, destHashes, '/src', '/dst');

  expect([...actions]).toEqual([['COPY', '/src/fn1', '/dst/fn1']]);
});

it('when a file has been renamed in the source', () => {
  const sourceHashes = new Map([['hash1', 'fn1']]);
  const destHashes = new Map([['hash1', 'fn2']]);

  const actions = determineActions(sourceHashes, destHashes, '/src', '/dst');

  expect([...actions]).toEqual([['MOVE', '/dst/fn2', '/dst/fn1']]);
});

it('when a file has been deleted from the source', () => {
  const sourceHashes = new Map<string, string>();
  const destHashes = new Map([['hash1', 'fn1']]);

  const actions = determineActions(sourceHashes, destHashes, '/src', '/dst');

  expect([...actions]).toEqual([['DELETE', '/dst/fn1']]);
});

it('when a file has been changed in the source', () => {
  const sourceHashes = new Map([['hash2', 'fn1']]);
  const destHashes = new Map([['hash1', 'fn1']]);

  const actions = determineActions(sourceHashes, destHashes, '/src', '/dst');

  expect([...actions]).toEqual([['COPY', '/src/fn1', '/dst/fn1']]);
});

it('when the folders already match there is nothing to do', () => {
  const hashes = new Map([
    ['hash1', 'fn1'],
    ['hash2', 'sub/fn2'],
  ]);

  const actions = determineActions(hashes, new Map(hashes), '/src', '/dst');

  expect([...actions]).toEqual([]);
});

/** Folders as the hashes they hold; records what the shell asks it to do instead of doing it. */
class FakeFileSystem implements FileSystem {
  readonly actions: Action[] = [];

  constructor(private readonly folders: Record<string, Hashes>) {}

  async read(root: string): Promise<Hashes> {
    return this.folders[root] ?? new Map();
  }
  async copy(source: string, dest: string): Promise<void> {
    this.actions.push(['COPY', source, dest]);
  }
  async move(oldDest: string, newDest: string): Promise<void> {
    this.actions.push(['MOVE', oldDest, newDest]);
  }
  async delete(dest: string): Promise<void> {
    this.actions.push(['DELETE', dest]);
  }
}

describe('sync with a fake file system', () => {
  it('copies a new file, moves a renamed one and deletes a removed one', async () => {
    const fileSystem = new FakeFileSystem({
      '/src': new Map([
        ['hash1', 'new-file'],
        ['hash2', 'renamed-file'],
      ]),
      '/dst': new Map([
        ['hash2', 'old-name'],
        ['hash3', 'removed-file'],
      ]),
    });

    await sync('/src', '/dst', fileSystem);

    expect(fileSystem.actions).toEqual([
      ['COPY', '/src/new-file', '/dst/new-file'],
      ['MOVE', '/dst/old-name', '/dst/renamed-file'],
      ['DELETE', '/dst/removed-file'],
    ]);
  });
});
