/**
 * Where a quote is, in the W3C Web Annotation Data Model's terms
 * (https://www.w3.org/TR/annotation-model/#selectors):
 *
 * - a TextQuoteSelector: the passage as the document has it (`exact`, in its
 *   normalized text) and up to PREFIX_LENGTH characters before and after it
 *   (`prefix`, `suffix`), enough to tell two occurrences apart;
 * - a TextPositionSelector: `start` and `end` offsets into the normalized
 *   text, counted in Unicode code points as the model says (not UTF-16 units:
 *   use `codePointToIndex` before slicing a JavaScript string).
 */
import { rawSpan, type NormalizedText } from './normalize.ts';

/** Characters of context kept on either side (what Hypothesis keeps). */
export const PREFIX_LENGTH = 32;

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  /** Code point offsets into the normalized text. */
  start: number;
  end: number;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** The code point offset of UTF-16 offset `index` in `text`. */
export function indexToCodePoint(text: string, index: number): number {
  if (!SURROGATE.test(text)) return index;
  let cp = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) i++;
    cp++;
  }
  return cp;
}

/** The UTF-16 offset of code point offset `cp` in `text`. */
export function codePointToIndex(text: string, cp: number): number {
  if (!SURROGATE.test(text)) return Math.min(cp, text.length);
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

/** Slices without splitting a surrogate pair at either end. */
function safeSlice(text: string, start: number, end: number): string {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  if (s > 0 && s < text.length && /[\uDC00-\uDFFF]/.test(text[s]!)) s++;
  if (e > 0 && e < text.length && /[\uD800-\uDBFF]/.test(text[e - 1]!)) e--;
  return text.slice(s, Math.max(s, e));
}

/**
 * The two selectors of the span [start, end) (UTF-16 offsets) of a normalized text.
 *
 * @example
 *   selectorsFor('Alpha beta gamma', 6, 10)
 *   // => { quote: { type: 'TextQuoteSelector', exact: 'beta', prefix: 'Alpha ', suffix: ' gamma' },
 *   //      position: { type: 'TextPositionSelector', start: 6, end: 10 } }
 */
export function selectorsFor(text: string, start: number, end: number): { quote: TextQuoteSelector; position: TextPositionSelector } {
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: safeSlice(text, start - PREFIX_LENGTH, start),
      suffix: safeSlice(text, end, end + PREFIX_LENGTH),
    },
    position: { type: 'TextPositionSelector', start: indexToCodePoint(text, start), end: indexToCodePoint(text, end) },
  };
}

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
/** Characters on either side of a quote in which its context's sentences are looked for. */
const CONTEXT_WINDOW = 3000;

export interface QuoteContext {
  /** The text before the quote, back to the start of `sentences` sentences before it. */
  before: string;
  /** The quoted passage as the document has it (extracted, not normalized). */
  exact: string;
  after: string;
}

/**
 * The quote in context, in the document's extracted text (line breaks and
 * typographic quotes as they are): the quoted passage with the rest of its
 * sentence and `around` whole sentences on either side. For the evidence
 * panel's "quote in context"; `start`/`end` are a TextPositionSelector's
 * code point offsets.
 */
export function quoteContext(doc: NormalizedText & { raw: string }, start: number, end: number, around = 1): QuoteContext {
  const s16 = codePointToIndex(doc.text, start);
  const e16 = codePointToIndex(doc.text, end);
  // Sentences of the normalized text: in the raw text a hard line break would
  // end a "sentence" (Unicode's rules break at every paragraph separator).
  // Only a window around the quote is segmented: Intl.Segmenter's iteration
  // is quadratic in the length of what it segments on Node 20.
  const w0 = Math.max(0, s16 - CONTEXT_WINDOW);
  const w1 = Math.min(doc.text.length, e16 + CONTEXT_WINDOW);
  const bounds: number[] = [];
  for (const seg of sentences.segment(doc.text.slice(w0, w1))) bounds.push(w0 + seg.index);
  bounds.push(w1);
  let first = bounds.findLastIndex((b) => b <= s16);
  let last = bounds.findIndex((b) => b >= e16);
  first = Math.max(0, first - around);
  last = last < 0 ? bounds.length - 1 : Math.min(bounds.length - 1, last + around);
  const quote = rawSpan(doc, s16, e16);
  const from = rawSpan(doc, bounds[first]!, bounds[first]!).start;
  const to = bounds[last]! >= doc.text.length ? doc.raw.length : rawSpan(doc, bounds[last]!, bounds[last]!).start;
  return {
    before: doc.raw.slice(from, quote.start),
    exact: doc.raw.slice(quote.start, quote.end),
    after: doc.raw.slice(quote.end, to),
  };
}
