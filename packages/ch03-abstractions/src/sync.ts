import { join } from 'node:path';
import { type FileSystem, type Hashes, localFileSystem } from './file-system';

export type Action =
  | readonly ['COPY', source: string, dest: string]
  | readonly ['MOVE', oldDest: string, newDest: string]
  | readonly ['DELETE', dest: string];

/** The imperative shell: reads both folders, asks the functional core what to do, and does it. */
export async function sync(
  source: string,
  dest: string,
  fileSystem: FileSystem = localFileSystem,
): Promise<void> {
  // imperative shell step 1: gather inputs
  const sourceHashes = await fileSystem.readPathsAndHashes(source);
  const destHashes = await fileSystem.readPathsAndHashes(dest);

  // step 2: call the functional core
  const actions = determineActions(sourceHashes, destHashes, source, dest);

  // imperative shell step 3: apply outputs
  for (const action of actions) {
    switch (action[0]) {
      case 'COPY':
        await fileSystem.copy(action[1], action[2]);
        break;
      case 'MOVE':
        await fileSystem.move(action[1], action[2]);
        break;
      case 'DELETE':
        await fileSystem.delete(action[1]);
        break;
    }
  }
}

/** The functional core: no I/O, only the two folders' hashes in and the actions out. */
export function* determineActions(
  sourceHashes: Hashes,
  destHashes: Hashes,
  sourceFolder: string,
  destFolder: string,
): Generator<Action> {
  for (const [sha, filename] of sourceHashes) {
    const destFilename = destHashes.get(sha);
    if (destFilename === undefined) {
      yield ['COPY', join(sourceFolder, filename), join(destFolder, filename)];
    } else if (destFilename !== filename) {
      yield ['MOVE', join(destFolder, destFilename), join(destFolder, filename)];
    }
  }

  // a file changed in place is copied over its old version, which must not then be deleted (the book's does)
  const sourceFilenames = new Set(sourceHashes.values());
  for (const [sha, filename] of destHashes) {
    if (!sourceHashes.has(sha) && !sourceFilenames.has(filename))
      yield ['DELETE', join(destFolder, filename)];
  }
}
