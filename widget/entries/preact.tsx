// The Preact component: import { LeadForm } from 'leadrelay/preact'. Preact is a peer dependency.
import { useEffect, useRef } from 'preact/hooks';
import type { LeadRelay } from '../api.ts';
import { createLeadRelay } from './index.ts';
import type { LeadAccepted } from '../../shared/api.ts';
import { EVENTS } from '../constants.ts';
import type { Messages } from '../form/messages.ts';
import type { SubmitOutcome } from '../form/submit.ts';
import type { FieldSpec } from '../render/fields.ts';
import { renderForm } from '../render/dom-form.ts';

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

/**
 * A complete, accessible lead form bound to one form id of the Worker. Its markup is the same
 * renderer's as the script tag's; it is rendered once, when the component mounts.
 */
export function LeadForm(props: LeadFormProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const callbacks = useRef(props);
  callbacks.current = props;
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    const form = renderForm(host, { formId: props.formId, fields: props.fields ?? DEFAULT_FIELDS, locale: props.locale ?? 'en', labels: props.labels });
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
  return <div ref={hostRef} />;
}
