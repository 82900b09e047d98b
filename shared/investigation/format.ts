/**
 * The investigation format's name, version and bounds, without zod: what the
 * client's main bundle needs to write a document (it loads schema.ts, and zod
 * with it, only to validate one).
 */
export const INVESTIGATION_FORMAT = 'claimgraph-investigation';
export const INVESTIGATION_VERSION = 1;

/** Bounds: a title, a note's text, a story step's title and text, the notes and steps of one investigation. */
export const LIMITS = {
  title: 200,
  noteText: 10_000,
  stepTitle: 200,
  stepText: 20_000,
  notes: 2_000,
  steps: 500,
} as const;
