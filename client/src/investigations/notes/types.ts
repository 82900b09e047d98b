import type { Note, NoteTarget } from '../types.ts';

export type { Note, NoteTarget };

/** A piece of a note's text: plain text, or a link (an http(s) URL written in it). */
export type TextPiece = { type: 'text'; text: string } | { type: 'link'; text: string; href: string };

/** Where a note's marker stands on the canvas (CSS pixels of the canvas), with the notes it stands for. */
export interface Marker {
  key: string;
  x: number;
  y: number;
  notes: Note[];
  target: NoteTarget;
  /** Its item is faded (a story step highlights others): the marker is drawn faded too. */
  dim?: boolean;
}
