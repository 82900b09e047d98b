/**
 * FollowTheMoney ids of claimgraph entities and claims, shared by the FtM
 * export (server/export/ftm.ts) and import (server/import/formats/ftm.ts),
 * which recognizes a claimgraph export by them.
 *
 * FtM ids match `^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$`. An entity id
 * that already does (and has no `.`) is kept as it is; any other is escaped:
 * every character outside [0-9A-Za-z-] (and a trailing `-`) becomes `.` and
 * two hex digits (`a_b:c` -> `a.5fb.3ac`). Claims live in their own
 * namespace (a claim may share an id with an entity), so a claim's FtM id is
 * `claim-` + its escaped id, and an entity id starting with `claim-` has
 * that `-` escaped.
 */

const FTM_ID = /^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$/;

const ENCODER = new TextEncoder();

/** Every character outside [0-9A-Za-z] (and `-` first or last) as `.` and hex bytes. */
function escapeId(id: string): string {
  const chars = [...id];
  const out = chars
    .map((ch, i) =>
      /[0-9A-Za-z]/.test(ch) || (ch === '-' && i > 0 && i < chars.length - 1)
        ? ch
        : [...ENCODER.encode(ch)].map((b) => `.${b.toString(16).padStart(2, '0')}`).join(''),
    )
    .join('');
  // An id must start with a letter or digit: `0.00` (a NUL, which no id holds) keeps it one-to-one.
  return out.startsWith('.') ? `0.00${out}` : out;
}

/** The FtM id of an entity (node). */
export function ftmEntityId(id: string): string {
  if (FTM_ID.test(id) && !id.includes('.') && !id.startsWith('claim-')) return id;
  if (id.startsWith('claim-')) return `claim.2d${escapeId(id.slice(6))}`;
  return escapeId(id);
}

/** The FtM id of a claim. */
export function ftmClaimId(id: string): string {
  return `claim-${escapeId(id)}`;
}
