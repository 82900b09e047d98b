/**
 * A modal dialog (the native <dialog>, shown with showModal(): focus is
 * kept inside, Esc closes it) with a title, a body and buttons. Resolves with
 * the value of the button that closed it ('' for Esc).
 */
import { h, type Child } from '../ui/dom.ts';

export interface DialogButton {
  label: string;
  value: string;
  primary?: boolean;
  danger?: boolean;
}

export interface OpenDialog {
  el: HTMLDialogElement;
  closed: Promise<string>;
  close(value?: string): void;
}

export function openDialog(opts: { id: string; title: string; body: Child; buttons: DialogButton[]; wide?: boolean; onSubmit?: (value: string) => boolean | void }): OpenDialog {
  document.getElementById(opts.id)?.remove();
  const form = h(
    'form',
    { method: 'dialog', class: 'dialog-form' },
    h('h2', { class: 'dialog-title', id: `${opts.id}-title` }, opts.title),
    h('div', { class: 'dialog-body' }, opts.body),
    h(
      'div',
      { class: 'dialog-buttons' },
      opts.buttons.map((b) => h('button', { type: 'submit', value: b.value, class: `btn${b.primary ? ' btn-primary' : ''}${b.danger ? ' btn-danger' : ''}` }, b.label)),
    ),
  );
  const el = h('dialog', { class: `dialog${opts.wide ? ' dialog-wide' : ''}`, id: opts.id, 'aria-labelledby': `${opts.id}-title` }, form);
  if (opts.onSubmit) {
    form.addEventListener('submit', (e) => {
      const value = ((e as SubmitEvent).submitter as HTMLButtonElement | null)?.value ?? '';
      if (opts.onSubmit!(value) === false) e.preventDefault();
    });
  }
  document.body.append(el);
  const closed = new Promise<string>((resolve) =>
    el.addEventListener('close', () => {
      resolve(el.returnValue);
      el.remove();
    }),
  );
  el.showModal();
  return { el, closed, close: (value = '') => el.close(value) };
}
