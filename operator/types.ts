// What the admin API answers, as the page reads it (edge/store/queries.ts has the full shapes).

export interface Touch {
  channel?: string;
  source?: string;
  medium?: string;
  utm_campaign?: string;
}

export interface LeadView {
  id: string;
  formId: string;
  provider: string;
  status: string;
  attempts: number;
  attemptsTotal: number;
  receivedAt: number;
  nextAttemptAt: number;
  lastError: string | null;
  note: string | null;
  providerLeadId: string | null;
  possibleDuplicate: boolean;
  /** Form fields with a value the provider request does not carry (issue 17). */
  notForwarded: string[];
  erasedAt: number | null;
  submission: { fields?: Record<string, string>; attribution?: { first?: Touch; last?: Touch } } & Record<string, unknown>;
}

export interface AttemptView {
  startedAt: number;
  durationMs: number;
  httpStatus: number | null;
  result: string;
  reason: string | null;
}

export interface FormView {
  id: string;
  provider: string;
  origins: string[];
  testPath: string | null;
  /** Provider field -> the form field that fills it, and the form's field list: for the snippet. */
  fieldMap: Record<string, string>;
  fields: string[] | null;
  /** What the provider cannot carry, said on the form (e.g. Sakneen has no attribution field). */
  note: string | null;
  /** Set when the provider refuses the form's credentials: its leads are held. */
  misconfigured: { heldLeads: number; lastHeldAt: number; reason: string | null } | null;
}
