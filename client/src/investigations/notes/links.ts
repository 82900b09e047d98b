/**
 * Links in plain text: explicit http(s) URLs become link pieces, everything
 * else stays text. Written here rather than taken from linkify-it: fuzzy
 * detection (bare domains, e-mail addresses) would make links of text that is
 * not one, and the offline viewer carries every byte it uses.
 *
 * @example
 *   textPieces('See https://example.org/a.pdf.') // [text 'See ', link 'https://example.org/a.pdf', text '.']
 */
import type { TextPiece } from './types.ts';

const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence more often than a URL. */
const TRAILING = /^[.,;:!?)\]}'"]$/;

/** Only http(s) URLs that parse are links. */
function linkHref(text: string): string | null {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function textPieces(text: string): TextPiece[] {
  const out: TextPiece[] = [];
  let last = 0;
  const push = (t: string) => {
    if (!t) return;
    const prev = out.at(-1);
    if (prev?.type === 'text') prev.text += t;
    else out.push({ type: 'text', text: t });
  };
  for (const m of text.matchAll(URL_RE)) {
    let url = m[0];
    // Drop trailing punctuation, one character at a time; a closing parenthesis stays when it closes one opened in the URL (Wikipedia links).
    for (;;) {
      const last = url.at(-1) ?? '';
      if (!TRAILING.test(last)) break;
      if (last === ')' && (url.match(/\(/g)?.length ?? 0) >= (url.match(/\)/g)?.length ?? 0)) break;
      url = url.slice(0, -1);
    }
    const start = m.index;
    push(text.slice(last, start));
    const href = linkHref(url);
    if (href) out.push({ type: 'link', text: url, href });
    else push(url);
    last = start + url.length;
  }
  push(text.slice(last));
  return out;
}

/**
 * The text as DOM nodes: links as `<a rel="noopener noreferrer" target="_blank">`
 * built with DOM APIs, everything else as text nodes (never markup).
 */
export function textNodes(doc: Document, text: string): Node[] {
  return textPieces(text).map((p) => {
    if (p.type === 'text') return doc.createTextNode(p.text);
    const a = doc.createElement('a');
    a.href = p.href;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    a.textContent = p.text;
    return a;
  });
}
