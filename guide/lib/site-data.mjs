// Everything the pages show, gathered once per build from the repository itself.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bookFacts, partOf } from './book.mjs';
import { stepDiff } from './diff.mjs';
import { readFigures } from './figures.mjs';
import { layerDrawings } from './layers.mjs';
import { listPackages, ROOT } from './packages.mjs';
import { renderer, sections } from './readme.mjs';
import { testCount } from './tests-count.mjs';

/** The repository on GitHub: GitHub Actions says which; elsewhere the `origin` remote, when it is GitHub's. */
function repositoryUrl(env) {
  if (env.GITHUB_REPOSITORY)
    return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}`;
  const origin =
    spawnSync('git', ['remote', 'get-url', 'origin'], { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const github = /github\.com[:/]([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(origin);
  return github ? `https://github.com/${github[1]}` : undefined;
}

/** README sections the guide draws itself (the layers from the imports) or links to (the chapter). */
const REPLACED = /^(Layers|Read the (chapter|appendix))$/;
const ADDS = /^What this .* adds$/;
const DEPARTS = /^Where it departs/;

export async function siteData(env = process.env) {
  const repoUrl = repositoryUrl(env);
  const benchmarks = env.GUIDE_BENCHMARKS ?? join(ROOT, 'benchmarks');
  const base = '/';
  const found = listPackages().map((pkg) => ({ ...pkg, hasSrc: existsSync(join(ROOT, pkg.dir, 'src')) }));
  const names = found.map((pkg) => pkg.name);
  const drawings = await layerDrawings(found, repoUrl);
  const packages = found.map((pkg) => {
    const facts = bookFacts(pkg, names);
    const render = renderer({ pkg, names, repoUrl, base });
    const readme = sections(pkg.readme);
    const shown = readme.sections.filter((s) => !REPLACED.test(s.heading));
    const after = found.find((other) => other.name === facts.after);
    return {
      name: pkg.name,
      dir: pkg.dir,
      description: pkg.description,
      part: partOf(pkg),
      hasApi: pkg.hasApi,
      ...facts,
      intro: render(readme.intro),
      adds: shown
        .filter((s) => ADDS.test(s.heading))
        .map((s) => ({ heading: s.heading, html: render(s.markdown) })),
      departs: shown
        .filter((s) => DEPARTS.test(s.heading))
        .map((s) => ({ heading: s.heading, html: render(s.markdown) })),
      more: shown
        .filter((s) => !ADDS.test(s.heading) && !DEPARTS.test(s.heading))
        .map((s) => ({ heading: s.heading, html: render(s.markdown) })),
      tests: testCount(pkg),
      diff: stepDiff(after?.dir, pkg.dir),
      layers: drawings.get(pkg.name),
      // an exercise's page shows it as the reader starts it; `pnpm exercise <chapter>` names it by its chapter
      exercise: pkg.folder === 'exercises' ? pkg.dir.split('/').pop().split('-')[0] : undefined,
      figures: pkg.hasApi ? readFigures(benchmarks, pkg.name) : undefined,
    };
  });
  for (const pkg of packages) {
    pkg.next = packages.filter((other) => other.after === pkg.name).map((other) => other.name);
    pkg.neighbours = neighbours(pkg, packages);
  }
  return { packages, repoUrl, parts: [...new Set(packages.map((pkg) => pkg.part))] };
}

/** What a package's figures are plotted beside: the two it builds on, itself, and those built on it. */
function neighbours(pkg, packages) {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const before = [];
  for (let at = byName.get(pkg.after); at !== undefined && before.length < 2; at = byName.get(at.after))
    before.unshift(at.name);
  return [...before, pkg.name, ...pkg.next].filter((name) => byName.get(name)?.hasApi);
}
