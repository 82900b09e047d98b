/**
 * The content hash of a claim: what an investigation records of each claim
 * it shows, so that reopening it tells a claim that changed since (a new
 * quote, status, source, date or any other property) from one that did not.
 *
 * Pure and synchronous, with no Node or DOM dependency: the server (POST
 * /api/claims/current) and the client (saving an investigation) run this one
 * module. SHA-256 comes from @noble/hashes rather than Web Crypto because
 * `crypto.subtle` exists only in secure contexts, and a team server on
 * `http://<lan-address>` is not one.
 *
 * What is hashed: the claim's type, its two ends and every property but
 * bookkeeping (CLAIM_HASH_IGNORED: the datasets that contributed it, the date
 * bounds derived from its dates, quote verification results, which are
 * recomputed from the source's text, and `_`-prefixed internals), as
 * canonical JSON (keys sorted at every level).
 *
 * @example
 *   claimHash({ type: 'LEADS', source: 'a', target: 'b', properties: { id: 'c1', quote: '...', status: 'reported' } })
 *   // 'sha256:3f1c…' (32 hex digits: 128 bits)
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Properties that do not make a claim different (bookkeeping and derived values). */
export const CLAIM_HASH_IGNORED: readonly string[] = ['datasets', 'dateMin', 'dateMax', 'verification', 'quoteExact', 'quotePrefix', 'quoteSuffix'];

/** What the hash reads of a claim: the API's GraphEdge shape is one. */
export interface HashableClaim {
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
}

export const CLAIM_HASH_RE = /^sha256:[0-9a-f]{32}$/;

/**
 * JSON with object keys sorted at every level, so equal values give equal
 * text whatever order the database returned properties in. Written here
 * because it is ten lines over JSON.stringify (whose number and string
 * formatting is the same in Node and every browser).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The claim's properties that its hash covers. */
export function hashedProperties(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (!k.startsWith('_') && !CLAIM_HASH_IGNORED.includes(k)) out[k] = v;
  }
  return out;
}

/** `sha256:` and the first 32 hex digits of SHA-256 over the claim's canonical JSON. */
export function claimHash(c: HashableClaim): string {
  const text = canonicalJson({ type: c.type, from: c.source, to: c.target, properties: hashedProperties(c.properties) });
  return `sha256:${bytesToHex(sha256(utf8ToBytes(text))).slice(0, 32)}`;
}
