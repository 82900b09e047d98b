/**
 * The one normalization quotes and documents are compared under, and the
 * SHA-256 a dataset records for a document (data/README.md, "Source
 * documents and verification"):
 *
 *   1. Unicode NFC;
 *   2. typographic quotes ‘ ’ ‚ ‛ -> ' and “ ” „ ‟ -> ";
 *   3. dashes ‐ ‑ ‒ – — ― -> -;
 *   4. the ellipsis … -> ...;
 *   5. every run of whitespace (JavaScript's \s: spaces, tabs, line breaks,
 *      no-break and other Unicode spaces) -> one space;
 *   6. trimmed.
 *
 * `normalizeWithMap` gives the same text plus, for every UTF-16 unit of it,
 * the offset in the extracted text it came from, so that a passage found in
 * the normalized text can be shown in the document as extracted (line
 * breaks and all).
 */
import { createHash } from 'node:crypto';

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015]/g;
const ELLIPSIS = /\u2026/g;

/**
 * The normalized form of a text (see the module comment).
 *
 * @example
 *   normalize('“Don’t”\n  stop — now…') // => '"Don\'t" stop - now...'
 */
export function normalize(s: string): string {
  return s
    .normalize('NFC')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(ELLIPSIS, '...')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The SHA-256 (lowercase hex) of an already normalized text, as UTF-8. */
export function sha256Hex(normalized: string): string {
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}

/** The SHA-256 a dataset records for a document: of its extracted text, normalized. */
export function documentHash(extracted: string): string {
  return sha256Hex(normalize(extracted));
}

export interface NormalizedText {
  /** `normalize(raw)`. */
  text: string;
  /**
   * For each UTF-16 unit of `text`, the offset in `raw` it came from; one
   * more entry, for `text.length`, holds the end of the last one's source.
   */
  toRaw: Uint32Array;
}

function mapChar(ch: string): string {
  switch (ch) {
    case '\u2018':
    case '\u2019':
    case '\u201A':
    case '\u201B':
      return "'";
    case '\u201C':
    case '\u201D':
    case '\u201E':
    case '\u201F':
      return '"';
    case '\u2010':
    case '\u2011':
    case '\u2012':
    case '\u2013':
    case '\u2014':
    case '\u2015':
      return '-';
    case '\u2026':
      return '...';
    default:
      return ch;
  }
}

/**
 * Runs of text that NFC composes only within: a code point followed by the
 * combining marks (and Hangul vowel and final jamo) after it. Every
 * character that can be the second of a canonical composition is one of
 * those, so NFC of the whole is NFC of each run, concatenated. (A regular
 * expression rather than Intl.Segmenter, whose iteration is quadratic in the
 * text's length on Node 20: 228 s for 280,000 characters.)
 */
const NFC_RUNS = /[^\p{M}\u1161-\u1175\u11A8-\u11C2]?[\p{M}\u1161-\u1175\u11A8-\u11C2]*/gsu;
const SPACE = /\s/;

/**
 * `normalize` with a map back to the raw text. NFC is applied per run of a
 * character and its combining marks (each output unit pointing at the start
 * of the run it came from), or not at all when the text is in NFC already; a
 * run of whitespace becomes one space pointing at the run's first character.
 */
export function normalizeWithMap(raw: string): NormalizedText {
  const out: string[] = [];
  const map: number[] = [];
  let pendingSpace = -1; // raw offset of a whitespace run not yet written
  let lastEnd = 0; // raw end of the last character written
  const emit = (chars: string, index: number, end: number) => {
    for (const ch of chars) {
      if (SPACE.test(ch)) {
        if (pendingSpace < 0) pendingSpace = index;
        continue;
      }
      if (pendingSpace >= 0) {
        if (out.length > 0) {
          out.push(' ');
          map.push(pendingSpace);
        }
        pendingSpace = -1;
      }
      const mapped = mapChar(ch);
      for (let i = 0; i < mapped.length; i++) {
        out.push(mapped[i]!);
        map.push(index);
      }
      lastEnd = end;
    }
  };
  if (raw.normalize('NFC') === raw) {
    // The common case: no composition, so each code point maps to itself.
    for (let i = 0; i < raw.length; ) {
      const c = raw.charCodeAt(i);
      const len = c >= 0xd800 && c <= 0xdbff && i + 1 < raw.length ? 2 : 1;
      emit(raw.slice(i, i + len), i, i + len);
      i += len;
    }
  } else {
    for (const m of raw.matchAll(NFC_RUNS)) {
      if (m[0].length === 0) continue;
      emit(m[0].normalize('NFC'), m.index, m.index + m[0].length);
    }
  }
  const text = out.join('');
  const toRaw = new Uint32Array(text.length + 1);
  toRaw.set(map.slice(0, text.length));
  toRaw[text.length] = lastEnd;
  return { text, toRaw };
}

/** The raw span a normalized span [start, end) came from (UTF-16 offsets in both). */
export function rawSpan(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  const s = n.toRaw[Math.min(start, n.text.length)]!;
  // The end of the span: where the last unit's cluster ends, i.e. the next unit's source.
  const e = end >= n.text.length ? n.toRaw[n.text.length]! : n.toRaw[end]!;
  return { start: s, end: Math.max(s, e) };
}
