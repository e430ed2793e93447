// The Preact component: import { LeadForm } from 'leadrelay/preact'. Preact is a peer dependency.
import { useEffect, useRef } from 'preact/hooks';
import { createLeadRelay, type LeadRelay } from '../api.ts';
import type { LeadAccepted } from '../../shared/api.ts';
import { EVENTS } from '../constants.ts';
import type { Messages } from '../form/messages.ts';
import type { SubmitOutcome } from '../form/submit.ts';
import type { FieldSpec } from '../render/fields.ts';
import { FormView } from '../render/form-view.tsx';

export type { FieldSpec, LeadAccepted, LeadRelay, Messages, SubmitOutcome };
export { createLeadRelay };

/** Props of LeadForm. */
export interface LeadFormProps {
  formId: string;
  /** The Worker's origin, e.g. `https://leads.example.com`. */
  endpoint: string;
  fields?: FieldSpec[];
  /** Label overrides by field name, and `submit` for the button. */
  labels?: Record<string, string>;
  /** Language of labels and messages (`ar` lays the form out right to left). */
  locale?: string;
  /** Message overrides. */
  text?: Partial<Messages>;
  /** Shares one LeadRelay (attribution, consent) across forms; one is created on first use otherwise. */
  relay?: LeadRelay;
  onSuccess?: (lead: LeadAccepted) => void;
  onError?: (outcome: SubmitOutcome) => void;
}

const DEFAULT_FIELDS: FieldSpec[] = [
  { name: 'name', required: true },
  { name: 'phone', required: true },
  { name: 'email', required: false },
];

let sharedRelay: LeadRelay | undefined;

/** A complete, accessible lead form bound to one form id of the Worker. */
export function LeadForm(props: LeadFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const callbacks = useRef(props);
  callbacks.current = props;
  useEffect(() => {
    const form = formRef.current;
    if (!form) return undefined;
    const relay = props.relay ?? (sharedRelay ??= createLeadRelay({ endpoint: props.endpoint }));
    relay.enhance(form, props.text);
    const succeeded = (event: Event) => callbacks.current.onSuccess?.((event as CustomEvent<LeadAccepted>).detail);
    const failed = (event: Event) => callbacks.current.onError?.((event as CustomEvent<SubmitOutcome>).detail);
    form.addEventListener(EVENTS.success, succeeded);
    form.addEventListener(EVENTS.error, failed);
    return () => {
      form.removeEventListener(EVENTS.success, succeeded);
      form.removeEventListener(EVENTS.error, failed);
    };
  }, []);
  return <FormView formId={props.formId} fields={props.fields ?? DEFAULT_FIELDS} locale={props.locale ?? 'en'} {...(props.labels ? { labels: props.labels } : {})} formRef={formRef} />;
}
