// Each package's layers as dependency-cruiser finds them in its imports, drawn by Graphviz (compiled to
// WebAssembly, @viz-js/viz) as SVG: one cruise of every package, then dependency-cruiser's own dot
// reporter for each, collapsed to its layers (src/domain, src/adapters, …) and to its modules.
import { instance } from '@viz-js/viz';
import { cruise, format } from 'dependency-cruiser';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './packages.mjs';

const require = createRequire(import.meta.url);

export async function layerDrawings(packages, repoUrl) {
  const { options } = require(join(ROOT, '.dependency-cruiser.cjs'));
  const withSrc = packages.filter((pkg) => pkg.hasSrc);
  const cruised = await cruise(
    withSrc.map((pkg) => `${pkg.dir}/src`),
    { ...options, tsConfig: undefined, baseDir: ROOT, outputType: 'json', validate: false },
  );
  const result = typeof cruised.output === 'string' ? JSON.parse(cruised.output) : cruised.output;
  const viz = await instance();
  const drawings = new Map();
  for (const pkg of withSrc) {
    const src = `^${escape(pkg.dir)}/src`;
    const draw = async (collapse, rankdir) => {
      const dot = (
        await format(result, {
          outputType: 'dot',
          includeOnly: src,
          collapse,
          prefix: repoUrl && `${repoUrl}/tree/HEAD/`,
        })
      ).output;
      // without the repository's address, a node links nowhere rather than to a path that is not a page
      const linked = repoUrl === undefined ? dot.replace(/ URL="[^"]*"/g, '') : dot;
      return viz
        .renderString(unwrapped(linked, pkg.dir).replace('rankdir="LR"', `rankdir="${rankdir}"`), {
          format: 'svg',
        })
        .replace(/^<\?xml[^>]*>\s*<!DOCTYPE[^>]*>\s*/s, '');
    };
    drawings.set(pkg.name, {
      layers: await draw(`${src}/[^/]+`, 'TB'),
      modules: await draw(`${src}/[^/]+/[^/]+`, 'LR'),
    });
  }
  return drawings;
}

/** Without the boxes of `packages`, the package and `src` around every node: the page says which package it is. */
function unwrapped(dot, dir) {
  const folders = [...dir.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/')), `${dir}/src`];
  return dot
    .split('\n')
    .map((line) => {
      let removed = 0;
      for (const folder of folders) {
        const opening = `subgraph "cluster_${folder}" {label="${folder.split('/').pop()}" `;
        if (line.includes(opening)) {
          line = line.replace(opening, '');
          removed += 1;
        }
      }
      for (; removed > 0; removed -= 1) line = line.replace(/ ?\}\s*$/, '');
      return line;
    })
    .join('\n');
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
