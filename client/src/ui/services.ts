import type { Canvas } from '../canvas/index.ts';
import type { ExplorerState } from '../state/index.ts';
import type { Progress } from './progress.ts';
import type { Toasts } from './toast.ts';

/** What every feature's actions are built with: the one state, the canvas, and the page's progress bar and toasts. */
export interface Services {
  state: ExplorerState;
  canvas: Canvas;
  progress: Progress;
  toasts: Toasts;
}
