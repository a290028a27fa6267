// Which pages the guide has: every package in packages/ and exercises/, found on disk, in the book's order.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');

/** The book's order: chapters by number, the appendices, what goes beyond the book, then the exercises. */
function rank(pkg) {
  const group = /^ch\d/.test(pkg.name)
    ? 0
    : pkg.name.startsWith('appendix-')
      ? 1
      : pkg.name.startsWith('beyond-')
        ? 2
        : pkg.folder === 'exercises'
          ? 3
          : 4;
  return `${group}${pkg.name}`;
}

function packageAt(folder, dir) {
  const manifest = join(ROOT, dir, 'package.json');
  if (!existsSync(manifest)) return undefined;
  const { name, description, scripts } = JSON.parse(readFileSync(manifest, 'utf8'));
  const readme = join(ROOT, dir, 'README.md');
  return {
    name: name ?? dir.split('/').pop(),
    folder,
    dir,
    description: description ?? '',
    hasApi: scripts?.start !== undefined,
    readme: existsSync(readme) ? readFileSync(readme, 'utf8') : '',
  };
}

function packagesIn(folder) {
  if (!existsSync(join(ROOT, folder))) return [];
  // exercises/ may be one package or a folder of them
  const self = packageAt(folder, folder);
  if (self !== undefined) return [self];
  return readdirSync(join(ROOT, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => packageAt(folder, `${folder}/${entry.name}`))
    .filter((pkg) => pkg !== undefined);
}

export function listPackages() {
  return [...packagesIn('packages'), ...packagesIn('exercises')].sort((a, b) =>
    rank(a).localeCompare(rank(b)),
  );
}
