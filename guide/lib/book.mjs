// What a package's README says about its place in the book: its title, the book's chapter, the
// companion's branch and the package it builds on.

/** Packages whose README names what they build on in words of their own. */
const BUILDS_ON = { 'appendix-abstractions': 'ch03-abstractions', 'beyond-performance': 'ch13-di' };

/** The book's two parts, and where the rest goes. */
export function partOf(pkg) {
  const chapter = /^ch(\d+)-/.exec(pkg.name);
  if (chapter)
    return Number(chapter[1]) <= 7 ? 'Part I — Domain modelling' : 'Part II — Event-driven architecture';
  if (pkg.name.startsWith('appendix-')) return 'Appendices';
  if (pkg.name.startsWith('beyond-')) return 'Beyond the book';
  if (pkg.folder === 'exercises') return 'Exercises';
  return 'Other packages';
}

export function bookFacts(pkg, names) {
  const heading = /^# (.+)$/m.exec(pkg.readme)?.[1] ?? pkg.name;
  const title = heading.replace(/\s*\(`[^`]+`\)\s*$/, '');
  const branch = /github\.com\/cosmicpython\/code\/tree\/([\w.-]+)/.exec(pkg.readme)?.[1];
  const bookUrl = /https:\/\/www\.cosmicpython\.com\/book\/[\w-]+\.html/.exec(pkg.readme)?.[0];
  const said = /Builds on `([\w-]+)`/.exec(pkg.readme)?.[1] ?? BUILDS_ON[pkg.name];
  return {
    title,
    branch,
    branchUrl: branch && `https://github.com/cosmicpython/code/tree/${branch}`,
    bookUrl,
    after: said !== undefined && names.includes(said) ? said : undefined,
  };
}
