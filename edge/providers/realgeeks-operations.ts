import * as v from 'valibot';
import { toFieldErrors } from '../../shared/field-errors.ts';
import { defaultValue, type FieldMapping } from './mapping.ts';
import { ActivitySchema, IsoDateTime, withSource, type ActivityInput } from './realgeeks-activities.ts';
import { isEmptyJsonObject, realgeeksRequest, realgeeksUrl, REALGEEKS_ROLES, type RealgeeksTarget } from './realgeeks-wire.ts';
import { errorReason, isSuccess } from './response.ts';
import type { OperationResult, ProviderOperation, ProviderRequest, ProviderSecrets } from './types.ts';

const Text = v.pipe(v.string(), v.trim(), v.nonEmpty('Must not be empty'));
const Email = v.pipe(v.string(), v.trim(), v.email('Must be a valid email address'));
const LeadId = v.pipe(v.string(), v.uuid('Must be the lead id, a UUID'));
const Activities = v.pipe(v.array(ActivitySchema), v.minLength(1, 'Send at least one activity'));

/** Leads fields page: every field but `id` (it is in the path), all optional; at least one is sent. */
const LeadChangesSchema = v.pipe(
  v.strictObject(
    {
      source: v.optional(Text),
      source_details: v.optional(Text),
      email: v.optional(Email),
      second_email: v.optional(Email),
      first_name: v.optional(Text),
      last_name: v.optional(Text),
      phone: v.optional(Text), // Leads fields page: "808-123-1234", "(808) 123-1234" or "+55 83 1234-1234"
      phone2: v.optional(Text),
      address: v.optional(Text),
      street_address: v.optional(Text),
      city: v.optional(Text),
      state: v.optional(Text),
      zip: v.optional(Text),
      role: v.optional(v.picklist(REALGEEKS_ROLES, `Must be one of: ${REALGEEKS_ROLES.join(', ')}`)),
      region: v.optional(Text),
      created: v.optional(IsoDateTime),
      activities: v.optional(Activities),
    },
    'Only the lead fields Real Geeks documents',
  ),
  v.check((changes) => Object.keys(changes).length > 0, 'Send at least one field to change'),
);

const UpdateLeadInput = v.object({ leadId: LeadId, lead: LeadChangesSchema });
const AddActivitiesInput = v.object({ leadId: LeadId, activities: Activities });
/** realgeeks.txt: a potential seller lead takes only id, activities and created. */
const PotentialSellerInput = v.pipe(
  v.strictObject({ id: v.pipe(v.string(), v.uuid('Must be a UUID you generate once, so a retry cannot make a second lead')), created: v.optional(IsoDateTime), activities: Activities }),
  // realgeeks.txt: "it has at least one Activity of type property_viewed with a property field".
  v.forward(
    v.check((lead) => lead.activities.some((activity) => activity.type === 'property_viewed' && Object.keys(activity.property ?? {}).length > 0), 'Needs a property_viewed activity with a property'),
    ['activities'],
  ),
);

/** What the operations need of a form's options. */
export interface RealgeeksOperationOptions extends RealgeeksTarget, FieldMapping {}

/** An operation whose input a schema checks, answered by `expectedStatus` with `{}` on success. */
function operation<S extends v.GenericSchema>(
  description: string,
  schema: S,
  expectedStatus: number,
  build: (input: v.InferOutput<S>, secrets: ProviderSecrets) => ProviderRequest,
): ProviderOperation {
  return {
    description,
    async buildRequest(input, secrets) {
      const parsed = v.safeParse(schema, input);
      return parsed.success ? { ok: true, request: build(parsed.output, secrets) } : { ok: false, fields: toFieldErrors(parsed.issues) };
    },
    classifyResponse(status, bodyText): OperationResult {
      if (status === expectedStatus && isEmptyJsonObject(bodyText)) return { ok: true, status, body: {} };
      return { ok: false, status, reason: isSuccess(status) ? `unexpected ${status} answer: ${errorReason(status, bodyText)}` : errorReason(status, bodyText) };
    },
  };
}

/** realgeeks.txt's operations besides creating a lead: update it, add activities, create a potential seller lead. */
export function realgeeksOperations(options: RealgeeksOperationOptions): Readonly<Record<string, ProviderOperation>> {
  // Activities page: an activity's source is required; the form's own source fills a missing one.
  const fill = (activities: readonly ActivityInput[]) => activities.map((activity) => withSource(activity, options.fixed['source'] ?? defaultValue('source', options) ?? ''));
  const leadPath = (leadId: string) => `/leads/${encodeURIComponent(leadId)}`;
  return {
    'update-lead': operation('Updates fields of a lead already sent, adding any activities (PATCH, 200 {})', UpdateLeadInput, 200, ({ leadId, lead }, secrets) =>
      realgeeksRequest('PATCH', realgeeksUrl(options, leadPath(leadId)), lead.activities ? { ...lead, activities: fill(lead.activities) } : lead, secrets),
    ),
    'add-activities': operation('Adds activities (a call, a note, a viewed property) to a lead already sent (200 {})', AddActivitiesInput, 200, ({ leadId, activities }, secrets) =>
      realgeeksRequest('POST', realgeeksUrl(options, `${leadPath(leadId)}/activities`), fill(activities), secrets),
    ),
    'create-potential-seller-lead': operation('Creates an anonymous potential seller lead from viewed properties (201 {})', PotentialSellerInput, 201, (lead, secrets) =>
      realgeeksRequest('POST', realgeeksUrl(options, '/potential-seller-leads'), { ...lead, activities: fill(lead.activities) }, secrets),
    ),
  };
}
