// A package's README as the guide shows it: in sections, links to other packages turned into their
// pages, links to files into the repository on GitHub (or plain text when its address is unknown).
import MarkdownIt from 'markdown-it';
import { URL } from 'node:url';

/** The README's sections by their `## ` heading; the text before the first is `intro`. */
export function sections(markdown) {
  const body = markdown.replace(/^# .*\n/, '');
  const [intro, ...rest] = body.split(/^## /m);
  return {
    intro,
    sections: rest.map((text) => {
      const newline = text.indexOf('\n');
      return { heading: text.slice(0, newline).trim(), markdown: text.slice(newline + 1) };
    }),
  };
}

export function renderer({ pkg, names, repoUrl, base }) {
  const md = new MarkdownIt({ html: false, linkify: true });
  const defaultLinkOpen =
    md.renderer.rules.link_open ?? ((tokens, i, options, env, self) => self.renderToken(tokens, i, options));
  md.core.ruler.push('guide-links', (state) => {
    for (const block of state.tokens) {
      for (const [i, token] of (block.children ?? []).entries()) {
        if (token.type !== 'link_open') continue;
        const href = token.attrGet('href') ?? '';
        if (/^[a-z]+:/i.test(href) || href.startsWith('#')) continue;
        const other = /^\.\.\/([\w-]+)\/?(#.*)?$/.exec(href);
        if (other && names.includes(other[1])) {
          token.attrSet('href', `${base}${other[1]}/`);
        } else if (repoUrl !== undefined) {
          token.attrSet('href', new URL(href, `${repoUrl}/blob/HEAD/${pkg.dir}/`).href);
        } else {
          // no address for the repository: the link's text stays, as text
          token.attrSet('data-unlinked', '');
          const close = block.children.findIndex((t, j) => j > i && t.type === 'link_close');
          block.children[close].attrSet?.('data-unlinked', '');
        }
      }
    }
  });
  md.renderer.rules.link_open = (tokens, i, options, env, self) =>
    tokens[i].attrGet('data-unlinked') !== null
      ? '<span class="file">'
      : defaultLinkOpen(tokens, i, options, env, self);
  const defaultLinkClose =
    md.renderer.rules.link_close ?? ((tokens, i, options, env, self) => self.renderToken(tokens, i, options));
  md.renderer.rules.link_close = (tokens, i, options, env, self) =>
    tokens[i].attrGet('data-unlinked') !== null ? '</span>' : defaultLinkClose(tokens, i, options, env, self);
  return (markdown) => md.render(markdown);
}
