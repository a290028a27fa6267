// `pnpm guide` (eleventy) and `pnpm guide:dev` (eleventy --serve): the site from site/ into dist/.
import { HtmlBasePlugin } from '@11ty/eleventy';
import { chartsOf } from './lib/charts.mjs';

export default function (config) {
  config.addPlugin(HtmlBasePlugin);
  config.addPassthroughCopy({ 'site/assets': 'assets' });
  config.addPassthroughCopy({
    'node_modules/chart.js/dist/chart.umd.min.js': 'assets/vendor/chart.umd.min.js',
    'node_modules/diff2html/bundles/js/diff2html-ui-slim.min.js': 'assets/vendor/diff2html-ui-slim.min.js',
    'node_modules/diff2html/bundles/css/diff2html.min.css': 'assets/vendor/diff2html.min.css',
    'node_modules/highlight.js/styles/github.min.css': 'assets/vendor/highlight-github.min.css',
  });
  for (const target of ['lib/', '../packages/', '../exercises/', '../benchmarks/'])
    config.addWatchTarget(target);
  config.setServerOptions({ watch: [] });
  config.watchIgnores.add('../packages/*/node_modules/**');
  /** JSON inside a <script> element: nothing in it may close the element. */
  config.addFilter('scriptJson', (value) => JSON.stringify(value).replace(/</g, '\\u003c'));
  config.addFilter('charts', (names, packages, current) =>
    chartsOf(
      names.map((name) => packages.find((pkg) => pkg.name === name)),
      current,
    ),
  );
  config.addFilter('withApi', (packages) => packages.filter((pkg) => pkg.hasApi).map((pkg) => pkg.name));
  config.addFilter('inPart', (packages, part) => packages.filter((pkg) => pkg.part === part));
  return { dir: { input: 'site', output: 'dist' }, templateFormats: ['njk'] };
}
