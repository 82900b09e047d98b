import type { SearchHit } from '../api/types.ts';

export type { SearchHit };

/** Fetches suggestions; aborted when a newer text supersedes it. */
export type Suggest = (text: string, signal: AbortSignal) => Promise<SearchHit[]>;

export interface PickerOptions {
  id: string;
  label: string;
  placeholder: string;
  suggest: Suggest;
  onPick: (hit: SearchHit) => void;
  /** Shown on the left of the input (the top search shows a magnifier). */
  icon?: boolean;
}
