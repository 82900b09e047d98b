/**
 * The progress bar under the top bar. Work that takes over half a second
 * shows its label (and a Stop button when it can be stopped); shorter work
 * shows nothing, so quick clicks do not flicker.
 */
import { fill, h } from './dom.ts';

interface Task {
  id: number;
  label: string;
  progress?: number;
  stop?: () => void;
  shown: boolean;
}

export class Progress {
  private tasks = new Map<number, Task>();
  private seq = 0;
  constructor(private readonly el: HTMLElement, private readonly delayMs = 500) {}

  /** Tracks `work` under a label; returns its result. */
  async track<T>(label: string, work: Promise<T>, opts: { stop?: () => void } = {}): Promise<T> {
    const task = this.start(label, opts);
    try {
      return await work;
    } finally {
      this.end(task);
    }
  }

  start(label: string, opts: { stop?: () => void } = {}): number {
    const id = ++this.seq;
    const task: Task = { id, label, stop: opts.stop, shown: false };
    this.tasks.set(id, task);
    setTimeout(() => {
      if (this.tasks.has(id)) {
        task.shown = true;
        this.render();
      }
    }, this.delayMs);
    this.sync();
    return id;
  }

  update(id: number, progress: number, label?: string): void {
    const t = this.tasks.get(id);
    if (!t) return;
    t.progress = progress;
    if (label) t.label = label;
    if (t.shown) this.render();
  }

  end(id: number): void {
    if (this.tasks.delete(id)) this.render();
    this.sync();
  }

  /** Busy state for tests and assistive tech. */
  private sync(): void {
    document.body.dataset.busy = String(this.tasks.size);
  }

  private render(): void {
    const shown = [...this.tasks.values()].filter((t) => t.shown);
    this.el.hidden = shown.length === 0;
    fill(
      this.el,
      shown.map((t) =>
        h(
          'div',
          { class: 'progress-task' },
          h('span', { class: 'spinner', 'aria-hidden': 'true' }),
          h('span', { class: 'progress-label' }, t.label, t.progress !== undefined ? ` ${Math.round(t.progress * 100)}%` : '…'),
          t.progress !== undefined ? h('span', { class: 'progress-bar' }, h('span', { style: `width:${Math.round(t.progress * 100)}%` })) : null,
          t.stop ? h('button', { type: 'button', class: 'btn btn-small', onclick: t.stop }, 'Stop') : null,
        ),
      ),
    );
  }
}
