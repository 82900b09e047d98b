/** Short messages in the corner of the canvas (errors, what an action did). */
import { h } from './dom.ts';

export type ToastKind = 'info' | 'error' | 'success';

export class Toasts {
  constructor(private readonly el: HTMLElement) {}

  show(message: string, kind: ToastKind = 'info', ms = kind === 'error' ? 8000 : 4000): void {
    const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss' }, '×');
    const t = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, h('span', null, message), close);
    close.addEventListener('click', () => t.remove());
    this.el.appendChild(t);
    setTimeout(() => t.remove(), ms);
  }
}
