import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, unlink } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

export type Hashes = Map<string, string>; // sha1 of a file's contents → its path under the folder read

export type Action = ['COPY', string, string] | ['MOVE', string, string] | ['DELETE', string];

export async function sync(source: string, dest: string, fileSystem = localFileSystem): Promise<void> {
  // imperative shell step 1, gather inputs
  const sourceHashes = await fileSystem.read(source);
  const destHashes = await fileSystem.read(dest);

  // step 2: call functional core
  const actions = determineActions(sourceHashes, destHashes, source, dest);

  // imperative shell step 3, apply outputs
  for (const action of actions) {
    if (action[0] === 'COPY') await fileSystem.copy(action[1], action[2]);
    if (action[0] === 'MOVE') await fileSystem.move(action[1], action[2]);
    if (action[0] === 'DELETE') await fileSystem.delete(action[1]);
  }
}

const BLOCKSIZE = 65536;

export async function hashFile(path: string): Promise<string> {
  const hasher = createHash('sha1');
  for await (const buf of createReadStream(path, { highWaterMark: BLOCKSIZE })) hasher.update(buf as Buffer);
  return hasher.digest('hex');
}

export async function readPathsAndHashes(root: string): Promise<Hashes> {
  const hashes: Hashes = new Map();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile()) hashes.set(await hashFile(path), relative(root, path));
  }
  return hashes;
}

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

  // a file changed in place is copied over its old version, which the book's core then deletes; here it stays
  const sourceFilenames = new Set(sourceHashes.values());
  for (const [sha, filename] of destHashes) {
    if (!sourceHashes.has(sha) && !sourceFilenames.has(filename))
      yield ['DELETE', join(destFolder, filename)];
  }
}

/** The shell's I/O, injected so that tests can pass a fake (the chapter's "Testing Edge to Edge"). */
export interface FileSystem {
  read(root: string): Promise<Hashes>;
  copy(source: string, dest: string): Promise<void>;
  move(source: string, dest: string): Promise<void>;
  delete(dest: string): Promise<void>;
}

const makeParent = (path: string) => mkdir(dirname(path), { recursive: true });

export const localFileSystem: FileSystem = {
  read: readPathsAndHashes,
  copy: (source, dest) => makeParent(dest).then(() => copyFile(source, dest)),
  move: (source, dest) => makeParent(dest).then(() => rename(source, dest)),
  delete: (dest) => unlink(dest),
};
