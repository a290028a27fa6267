/**
 * The guide in a real browser: it builds the site from the repository (with the benchmark figures of
 * tests/fixtures), serves it, and opens every page in Debian's Chromium at a desktop width, and one page
 * of each kind at a phone width.
 * Each page must show its diff, its layers and its charts, link only to pages that exist, and log no
 * error. Screenshots go to guide/screenshots/ (git-ignored).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import sirv from 'sirv';

const GUIDE = join(__dirname, '../..');
const ROOT = join(GUIDE, '..');
const SITE = join(GUIDE, 'node_modules/.cache/guide-test/site');
const SCREENSHOTS = join(GUIDE, 'screenshots');
const FIXTURES = join(__dirname, '../fixtures/benchmarks');

/** A test opens every page: on a busy 2-core machine that takes longer than jest's usual limit. */
const EVERY_PAGE_MS = 150_000;

const WIDTHS = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;

interface Expected {
  readonly name: string;
  readonly hasSrc: boolean;
  readonly measured: boolean;
  readonly hasApi: boolean;
}

/** Every package on disk, as the test reads them itself: packages/* and exercises/ (one package or many). */
function packagesOnDisk(): Expected[] {
  const dirs = ['packages', 'exercises'].flatMap((folder) => {
    const at = join(ROOT, folder);
    if (!existsSync(at)) return [];
    if (existsSync(join(at, 'package.json'))) return [at];
    return readdirSync(at).map((name) => join(at, name));
  });
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        scripts?: Record<string, string>;
      };
      return {
        name: manifest.name,
        hasSrc: existsSync(join(dir, 'src')),
        measured: existsSync(join(FIXTURES, `${manifest.name}.json`)),
        hasApi: manifest.scripts?.start !== undefined,
      };
    });
}

function chromiumPath(): string {
  // GitHub's runners have Google Chrome rather than Debian's Chromium
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  const found = candidates.find((path) => path !== undefined && path !== '' && existsSync(path));
  if (found === undefined)
    throw new Error(
      'The guide is tested in Chromium, and none was found (looked for CHROMIUM_PATH, /usr/bin/chromium, ' +
        "/usr/bin/chromium-browser). Install Debian's: apt-get install chromium (or set CHROMIUM_PATH).",
    );
  return found;
}

function build(): Promise<void> {
  rmSync(SITE, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const eleventy = spawn(
      process.execPath,
      [join(GUIDE, 'node_modules/@11ty/eleventy/cmd.cjs'), '--quiet', `--output=${SITE}`],
      { cwd: GUIDE, env: { ...process.env, GUIDE_BENCHMARKS: FIXTURES }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    eleventy.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    eleventy.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    eleventy.on('error', reject);
    eleventy.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the guide's build failed (${code}):\n${output}`)),
    );
  });
}

const packages = packagesOnDisk();
const pages = ['/', ...packages.map((pkg) => `/${pkg.name}/`)];
// every page shares one template: the phone check reads the landing page and one page of each kind
// (a chapter without an API, one with figures, what goes beyond the book), at a fraction of the time
const phonePages = pages.filter((path) =>
  ['/', '/ch01-domain-model/', '/ch07-aggregate/', '/beyond-performance/'].includes(path),
);
let browser: Browser;
let server: Server;
let origin: string;
/** Every internal link seen on any page, and the page it was on. */
const links = new Map<string, string>();
/** The ids of each page's elements once its scripts have drawn it (the diff's file list links to them). */
const anchors = new Map<string, Set<string>>();

beforeAll(async () => {
  const executablePath = chromiumPath();
  [browser] = await Promise.all([
    chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] }),
    build(),
  ]);
  server = createServer(sirv(SITE, { dev: true }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/**
 * A tab that visits page after page, as a reader clicking through does: one tab rather than one per
 * page spares Chromium a renderer process each time. Each visit answers the console errors and
 * uncaught exceptions of that page, while it loaded and drew.
 */
async function tab(context: BrowserContext): Promise<{ page: Page; visit(path: string): Promise<string[]> }> {
  const page = await context.newPage();
  let errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    page,
    async visit(path) {
      errors = [];
      const response = await page.goto(`${origin}${path}`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      return errors;
    },
  };
}

/** Runs in the page (as text: this program is typed without the DOM's types). */
function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate<T>(expression);
}

const HREFS = `((selector) => [...document.querySelectorAll(selector)].map((a) => a.getAttribute('href')))`;

function screenshotName(path: string, width: string): string {
  return join(SCREENSHOTS, `${path === '/' ? 'index' : path.replaceAll('/', '')}-${width}.png`);
}

describe('the guide', () => {
  it(
    'has a page for every package, and the landing page lists them in the book order',
    async () => {
      const context = await browser.newContext({ viewport: WIDTHS.desktop });
      const { page, visit } = await tab(context);
      const errors = await visit('/');
      const listed = await inPage<(string | null)[]>(page, `${HREFS}('.package-list a')`);
      expect(listed.sort()).toEqual(packages.map((pkg) => `/${pkg.name}/`).sort());
      const chapters = listed.filter((href) => /^\/ch\d/.test(href ?? ''));
      expect(chapters).toEqual([...chapters].sort());
      // every chapter's figures on one chart each: all packages with an API, measured or not
      const labels = await inPage<(string | string[])[]>(
        page,
        `Chart.getChart(document.querySelector('canvas[data-chart="allocations"]')).data.labels`,
      );
      expect(labels).toHaveLength(packages.filter((pkg) => pkg.hasApi).length);
      expect(labels).toContainEqual(['ch04', '(not measured yet)']);
      await page.screenshot({ path: screenshotName('/', 'desktop') });
      expect(errors).toEqual([]);
      await context.close();
    },
    EVERY_PAGE_MS,
  );

  it(
    'shows each package with its diff, layers and figures, and logs no error',
    async () => {
      const context = await browser.newContext({ viewport: WIDTHS.desktop });
      const { page, visit } = await tab(context);
      const problems: string[] = [];
      for (const pkg of packages) {
        const path = `/${pkg.name}/`;
        const errors = await visit(path);
        problems.push(...errors.map((error) => `${path}: ${error}`));
        const files = await page.locator('[data-diff][data-rendered] .d2h-file-wrapper').count();
        const highlighted = await page.locator('.d2h-code-line-ctn .hljs-keyword').count();
        if (files === 0 || highlighted === 0) problems.push(`${path}: no highlighted diff (${files} files)`);
        if (pkg.hasSrc && (await page.locator('[data-diagram="layers"] svg g.node').count()) === 0)
          problems.push(`${path}: no layers drawn`);
        const charts = await page.locator('canvas[data-chart][data-rendered]').count();
        if (pkg.measured && charts === 0) problems.push(`${path}: no chart`);
        if (pkg.hasApi && !pkg.measured && !(await page.getByText('Not measured yet').isVisible()))
          problems.push(`${path}: says nothing of its missing figures`);
        for (const href of await inPage<(string | null)[]>(page, `${HREFS}('a[href]')`)) {
          if (href !== null && !/^[a-z]+:/i.test(href))
            links.set(new URL(href, `${origin}${path}`).href, path);
        }
        anchors.set(
          path,
          new Set(await inPage<string[]>(page, `[...document.querySelectorAll('[id]')].map((e) => e.id)`)),
        );
        await page.screenshot({ path: screenshotName(path, 'desktop') });
      }
      await context.close();
      expect(problems).toEqual([]);
    },
    EVERY_PAGE_MS,
  );

  it(
    'reads on a phone: nothing wider than the screen, the diff line by line',
    async () => {
      const context = await browser.newContext({ viewport: WIDTHS.phone, isMobile: true, hasTouch: true });
      const { page, visit } = await tab(context);
      const problems: string[] = [];
      for (const path of phonePages) {
        problems.push(...(await visit(path)).map((error) => `${path}: ${error}`));
        const overflow = await inPage<number>(
          page,
          'document.documentElement.scrollWidth - window.innerWidth',
        );
        if (overflow > 1) problems.push(`${path}: ${overflow}px wider than the screen`);
        if (path !== '/' && (await page.locator('.d2h-file-side-diff').count()) > 0)
          problems.push(`${path}: side-by-side diff on a phone`);
        await page.screenshot({ path: screenshotName(path, 'phone') });
      }
      await context.close();
      expect(problems).toEqual([]);
    },
    EVERY_PAGE_MS,
  );

  it(
    'links only to pages and anchors that exist',
    async () => {
      expect(links.size).toBeGreaterThan(packages.length);
      const broken: string[] = [];
      for (const [href, from] of links) {
        if (!href.startsWith(origin)) continue;
        const url = new URL(href);
        const response = await fetch(`${origin}${url.pathname}`);
        await response.arrayBuffer();
        if (response.status !== 200) broken.push(`${from} → ${url.pathname} (${response.status})`);
        else if (
          url.hash !== '' &&
          anchors.get(url.pathname)?.has(decodeURIComponent(url.hash.slice(1))) !== true
        )
          broken.push(`${from} → ${url.pathname}${url.hash} (no such anchor)`);
      }
      expect(broken).toEqual([]);
    },
    EVERY_PAGE_MS,
  );
});
