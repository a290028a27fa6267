import { type Action, determineActions, type FileSystem, type Hashes, sync } from '../../src/sync';

it('when a file exists in the source but not the destination', () => {
  const sourceHashes = new Map([['hash1', 'fn1']]);
  const destHashes = new Map<string, string>();

  const actions = determineActions(sourceHashes, destHashes, '/src', '/dst');

  expect([...actions]).toEqual([['copy', '/src/fn1', '/dst/fn1']]);
});

it('when a file has been renamed in the source', () => {
  const sourceHashes = new Map([['hash1', 'fn1']]);
  const destHashes = new Map([['hash1', 'fn2']]);

  const actions = determineActions(sourceHashes, destHashes, '/src', '/dst');

  expect([...actions]).toEqual([['move', '/dst/fn2', '/dst/fn1']]);
});

it('when a file has been deleted from the source', () => {
  const sourceHashes = new Map<string, string>();
  const destHashes = new Map([['hash1', 'fn1']]);

  const actions = determineActions(sourceHashes, destHashes, '/src', '/dst');

  expect([...actions]).toEqual([['delete', '/dst/fn1']]);
});

it('when a file has been changed in the source', () => {
  const sourceHashes = new Map([['hash2', 'fn1']]);
  const destHashes = new Map([['hash1', 'fn1']]);

  const actions = determineActions(sourceHashes, destHashes, '/src', '/dst');

  expect([...actions]).toEqual([['copy', '/src/fn1', '/dst/fn1']]);
});

it('when the folders already match there is nothing to do', () => {
  const hashes = new Map([
    ['hash1', 'fn1'],
    ['hash2', 'sub/fn2'],
  ]);

  const actions = determineActions(hashes, new Map(hashes), '/src', '/dst');

  expect([...actions]).toEqual([]);
});

/** Records what the shell asks it to do instead of doing it: the actions, as data. */
class FakeFileSystem implements FileSystem {
  readonly actions: Action[] = [];

  async copy(source: string, dest: string): Promise<void> {
    this.actions.push(['copy', source, dest]);
  }
  async move(oldDest: string, newDest: string): Promise<void> {
    this.actions.push(['move', oldDest, newDest]);
  }
  async delete(dest: string): Promise<void> {
    this.actions.push(['delete', dest]);
  }
}

/** Folders as the hashes they hold, read from memory (the book passes a dict's `pop`). */
const fakeReader =
  (folders: Record<string, Hashes>) =>
  async (root: string): Promise<Hashes> =>
    folders[root] ?? new Map();

describe('action', () => {
  it('when a file exists in the source but not the destination', async () => {
    const reader = fakeReader({ '/src': new Map([['hash1', 'fn1']]), '/dst': new Map() });
    const fileSystem = new FakeFileSystem();

    await sync('/src', '/dst', reader, fileSystem);

    expect(fileSystem.actions).toEqual([['copy', '/src/fn1', '/dst/fn1']]);
  });

  it('when a file has been renamed in the source', async () => {
    const reader = fakeReader({
      '/src': new Map([['hash1', 'fn1']]),
      '/dst': new Map([['hash1', 'fn2']]),
    });
    const fileSystem = new FakeFileSystem();

    await sync('/src', '/dst', reader, fileSystem);

    expect(fileSystem.actions).toEqual([['move', '/dst/fn2', '/dst/fn1']]);
  });

  it('copies a new file, moves a renamed one and deletes a removed one', async () => {
    const reader = fakeReader({
      '/src': new Map([
        ['hash1', 'new-file'],
        ['hash2', 'renamed-file'],
      ]),
      '/dst': new Map([
        ['hash2', 'old-name'],
        ['hash3', 'removed-file'],
      ]),
    });
    const fileSystem = new FakeFileSystem();

    await sync('/src', '/dst', reader, fileSystem);

    expect(fileSystem.actions).toEqual([
      ['copy', '/src/new-file', '/dst/new-file'],
      ['move', '/dst/old-name', '/dst/renamed-file'],
      ['delete', '/dst/removed-file'],
    ]);
  });
});
