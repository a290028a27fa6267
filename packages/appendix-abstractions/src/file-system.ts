import { createHash } from 'node:crypto';
import { copyFile, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/** The sha1 of each file's contents → that file's path, relative to the folder that was read. */
export type Hashes = Map<string, string>;

/** How the imperative shell reads a folder, injected so that tests can hand it hashes instead. */
export type Reader = (root: string) => Promise<Hashes>;

/** What the imperative shell does to the outside world, injected so that tests can pass a fake. */
export interface FileSystem {
  copy(source: string, dest: string): Promise<void>;
  move(source: string, dest: string): Promise<void>;
  delete(path: string): Promise<void>;
}

const BLOCKSIZE = 65536;

export async function hashFile(path: string): Promise<string> {
  const hasher = createHash('sha1');
  const buffer = Buffer.alloc(BLOCKSIZE);
  const file = await open(path, 'r');
  try {
    let { bytesRead } = await file.read(buffer, 0, BLOCKSIZE, null);
    while (bytesRead > 0) {
      hasher.update(buffer.subarray(0, bytesRead));
      ({ bytesRead } = await file.read(buffer, 0, BLOCKSIZE, null));
    }
  } finally {
    await file.close();
  }
  return hasher.digest('hex');
}

export async function readPathsAndHashes(root: string): Promise<Hashes> {
  const hashes: Hashes = new Map();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    // the book keeps the bare file name, which loses the subfolder of a nested file
    hashes.set(await hashFile(path), relative(root, path));
  }
  return hashes;
}

// a copied or moved file may sit in a subfolder that the destination does not have yet
const makeParent = (path: string) => mkdir(dirname(path), { recursive: true });

export const localFileSystem: FileSystem = {
  async copy(source, dest) {
    await makeParent(dest);
    await copyFile(source, dest);
  },
  async move(source, dest) {
    await makeParent(dest);
    await rename(source, dest);
  },
  async delete(path) {
    await unlink(path);
  },
};
