import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface Chapter {
  readonly name: string;
  readonly dir: string;
  /** The package's `start` script, run as `pnpm start` runs it. */
  readonly startScript: string;
  readonly number: number;
  readonly capabilities: Capabilities;
}

/** What the HTTP contract (CHAPTERS.md) says a chapter's API does, by its number. */
export interface Capabilities {
  /** What POST /allocate answers on success: 201 {"batchref"} up to chapter 11, 202 from chapter 12. */
  readonly allocatedStatus: number;
  /** Allocated events go out on Redis (chapter 11 on): the bench gives the chapter a REDIS_URL. */
  readonly publishesEvents: boolean;
  /** POST /add_batch exists (chapter 5 on); chapter 4's stock goes straight into its `batches` table. */
  readonly addsBatchesOverHttp: boolean;
}

export function capabilitiesOf(chapterNumber: number): Capabilities {
  return {
    allocatedStatus: chapterNumber >= 12 ? 202 : 201,
    publishesEvents: chapterNumber >= 11,
    addsBatchesOverHttp: chapterNumber >= 5,
  };
}

export const REPOSITORY_ROOT = resolve(__dirname, '../../..');

/** Appendix packages with an API: the chapter each builds on, whose HTTP contract it keeps. */
const APPENDIX_BASES: Readonly<Record<string, string>> = {
  'appendix-nestjs': '6',
  'appendix-validation': '13',
};

/** The chapter packages with a `start` script (an API), by name. */
export async function chaptersWithAnApi(root = REPOSITORY_ROOT): Promise<Chapter[]> {
  const packagesDir = join(root, 'packages');
  const chapters: Chapter[] = [];
  for (const entry of (await readdir(packagesDir, { withFileTypes: true })).filter((e) => e.isDirectory())) {
    const dir = join(packagesDir, entry.name);
    const manifest = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (manifest === undefined) continue;
    const { name, scripts } = JSON.parse(manifest) as { name?: string; scripts?: Record<string, string> };
    // beyond-* packages build on chapter 13 and keep its HTTP contract
    const number =
      /^ch(\d+)-/.exec(name ?? '')?.[1] ??
      (name?.startsWith('beyond-') ? '13' : undefined) ??
      APPENDIX_BASES[name ?? ''];
    const startScript = scripts?.start;
    if (name === undefined || number === undefined || startScript === undefined) continue;
    chapters.push({
      name,
      dir,
      startScript,
      number: Number(number),
      capabilities: capabilitiesOf(Number(number)),
    });
  }
  return chapters.sort((a, b) => a.name.localeCompare(b.name));
}

/** `ch13`, `ch13-di` or any unique prefix of one chapter's name. */
export function pickChapter<T extends { readonly name: string }>(chapters: readonly T[], wanted: string): T {
  const names = chapters.map((chapter) => chapter.name).join(', ');
  if (wanted === '') throw new Error(`usage: pnpm bench <chapter>, one of: ${names}`);
  const exact = chapters.find((chapter) => chapter.name === wanted);
  if (exact !== undefined) return exact;
  const matches = chapters.filter((chapter) => chapter.name.startsWith(wanted));
  const [only, ...others] = matches;
  if (only === undefined) throw new Error(`no chapter with an API is called ${wanted}*; there are: ${names}`);
  if (others.length > 0)
    throw new Error(`${wanted} could be ${matches.map((chapter) => chapter.name).join(' or ')}: say which`);
  return only;
}
