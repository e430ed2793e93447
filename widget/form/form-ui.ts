import type { FieldErrors } from '../../shared/field-errors.ts';

const ERROR_CLASS = 'lead-error';
const STATUS_CLASS = 'lead-status';

// From the input's own id when it has one, so two forms of one form id keep unique ids.
const errorId = (form: HTMLFormElement, input: HTMLElement, name: string) => `${input.id || `${form.dataset['leadForm'] ?? 'lead'}-${name}`}-error`;

/** The live region that announces the form's result to screen readers; created once per form. */
export function statusRegion(form: HTMLFormElement): HTMLElement {
  let region = form.querySelector<HTMLElement>(`.${STATUS_CLASS}`);
  if (!region) {
    region = document.createElement('p');
    region.className = STATUS_CLASS;
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    form.append(region);
  }
  return region;
}

/** Removes every inline error and its ARIA wiring. */
export function clearErrors(form: HTMLFormElement): void {
  for (const node of form.querySelectorAll(`.${ERROR_CLASS}`)) node.remove();
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => !id.endsWith('-error')).join(' ');
    if (described) input.setAttribute('aria-describedby', described);
    else input.removeAttribute('aria-describedby');
  }
}

/**
 * Shows each message under its input (aria-invalid + aria-describedby) and moves focus to the
 * first invalid input. Messages for fields the form has no input for go to the status region.
 */
export function showErrors(form: HTMLFormElement, errors: FieldErrors, summary: string): void {
  clearErrors(form);
  const orphans: string[] = [];
  for (const [name, message] of Object.entries(errors)) {
    const input = form.elements.namedItem(name);
    if (!(input instanceof HTMLElement)) {
      orphans.push(message);
      continue;
    }
    const note = document.createElement('span');
    note.id = errorId(form, input, name);
    note.className = ERROR_CLASS;
    note.textContent = message;
    // A checkbox's label follows it: the message goes after the label, at the end of their row.
    if (input.matches('[type=checkbox]')) input.parentElement?.append(note);
    else input.after(note);
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), note.id].filter(Boolean).join(' '));
  }
  statusRegion(form).textContent = [summary, ...orphans].join(' ');
  // First in the order the visitor reads the form, whatever order the messages came in.
  form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/** Disables the form's submit buttons while a submission is in flight. */
export function setBusy(form: HTMLFormElement, busy: boolean): void {
  form.setAttribute('aria-busy', String(busy));
  for (const button of form.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button[type=submit], button:not([type]), input[type=submit]')) {
    button.disabled = busy;
  }
}
