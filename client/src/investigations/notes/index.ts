/**
 * Notes, the pure part: adding, editing and removing notes (a new array each
 * time: the state holds them), finding the notes of an entity or an edge,
 * and where their markers stand.
 */
import { newId } from '../index.ts';
import type { Marker, Note, NoteTarget } from './types.ts';

export type * from './types.ts';
export { textPieces, textNodes } from './links.ts';

/** One key per thing a note can be about (canvas notes each have their own place). */
export function targetKey(t: NoteTarget): string {
  return t.type === 'canvas' ? `canvas:${t.x}:${t.y}` : `${t.type}:${t.id}`;
}

export function sameTarget(a: NoteTarget, b: NoteTarget): boolean {
  return targetKey(a) === targetKey(b);
}

export function addNote(notes: readonly Note[], target: NoteTarget, text: string, now: Date, id = newId('n')): Note[] {
  const at = now.toISOString();
  return [...notes, { id, target, text, createdAt: at, updatedAt: at }];
}

export function editNote(notes: readonly Note[], id: string, text: string, now: Date): Note[] {
  return notes.map((n) => (n.id === id ? { ...n, text, updatedAt: now.toISOString() } : n));
}

export function removeNote(notes: readonly Note[], id: string): Note[] {
  return notes.filter((n) => n.id !== id);
}

/** The notes about an entity or a drawn edge, oldest first. */
export function notesAbout(notes: readonly Note[], type: 'entity' | 'edge', id: string): Note[] {
  return notes.filter((n) => n.target.type === type && n.target.id === id);
}

/** A note's first line, cut for a list or a tooltip. */
export function noteExcerpt(text: string, max = 80): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/**
 * The markers to draw: one per entity, edge or canvas place with notes,
 * where `place` says (null when its item is not drawn: the marker is not
 * shown). Markers of entities sit at the node's upper right, of edges at
 * their middle.
 */
export function markers(notes: readonly Note[], place: (t: NoteTarget) => { x: number; y: number; dim?: boolean } | null): Marker[] {
  const byKey = new Map<string, Marker>();
  for (const n of notes) {
    const key = targetKey(n.target);
    const m = byKey.get(key);
    if (m) {
      m.notes.push(n);
      continue;
    }
    const p = place(n.target);
    if (p) byKey.set(key, { key, x: p.x, y: p.y, notes: [n], target: n.target, dim: p.dim === true });
  }
  return [...byKey.values()];
}

/**
 * Where an edge's marker goes: the middle of the drawn edge (a curved one's
 * middle is half its control point's offset from the chord), moved aside by
 * `aside` pixels so it does not cover the edge's label.
 */
export function edgeMarkerPoint(a: { x: number; y: number }, b: { x: number; y: number }, curvature = 0, aside = 13): { x: number; y: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  // The normal on the side the curve bends to (or the upper side of a straight edge).
  let nx = -dy / len;
  let ny = dx / len;
  if (curvature < 0 || (curvature === 0 && ny > 0)) {
    nx = -nx;
    ny = -ny;
  }
  const mx = (a.x + b.x) / 2 - (dy * curvature) / 2;
  const my = (a.y + b.y) / 2 + (dx * curvature) / 2;
  return { x: mx + nx * aside, y: my + ny * aside };
}
