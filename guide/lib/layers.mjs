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
    const draw = async (collapse) => {
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
      return viz.renderString(linked, { format: 'svg' }).replace(/^<\?xml[^>]*>\s*<!DOCTYPE[^>]*>\s*/s, '');
    };
    drawings.set(pkg.name, {
      layers: await draw(`${src}/[^/]+`),
      modules: await draw(`${src}/[^/]+/[^/]+`),
    });
  }
  return drawings;
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
