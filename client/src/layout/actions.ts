/** The Layout button's action and the incremental layouts other actions ask for, run in the worker with progress. */
import type { Services } from '../ui/services.ts';
import { LayoutRunner, iterationsFor } from './index.ts';
import { layoutInput, type LayoutMode } from './input.ts';

export class LayoutFeature {
  readonly runner = new LayoutRunner();

  constructor(private readonly s: Services) {
    this.runner.onRunningChange((running) => s.state.set({ layout: { ...s.state.view.layout, running } }));
  }

  get running(): boolean {
    return this.runner.running;
  }

  stop(): void {
    this.runner.stop();
  }

  /** The Layout button: runs a full layout, or stops the one running. */
  toggle(): void {
    if (this.runner.running) this.runner.stop();
    else void this.run('full');
  }

  /** Lays out what is drawn (see layoutInput); resolves when the run ends, is stopped or superseded. */
  async run(mode: LayoutMode): Promise<void> {
    const { state, canvas, progress } = this.s;
    const input = layoutInput(state.graph, state.visibility, state.sizes, mode);
    if (!input) return;
    const task = progress.start('Laying out', { stop: () => this.runner.stop() });
    try {
      const res = await this.runner.run({
        ...input,
        iterations: iterationsFor(input.nodes.length, mode === 'incremental'),
        viewport: canvas.viewport(),
        onTick: (pos, p) => {
          state.graph.setPositions(pos);
          progress.update(task, p);
        },
      });
      if (mode === 'full' && !res.stopped) state.set({ layout: { ...state.view.layout, fullRunDone: true } });
    } finally {
      progress.end(task);
      // Nodes not drawn now were not laid out; those drawn now all were. (Not a
      // drawn attribute: set in place, with no graph event for sigma to process.)
      const g = state.graph.graph;
      for (const n of input.nodes) if (g.hasNode(n.id)) g.getNodeAttributes(n.id).laidOut = true;
    }
  }
}
