import type { Check, StandIn, Verdict } from './types.ts';

// The stand-in reads realgeeks.txt and the Real Geeks Leads fields and Activities pages on its
// own rather than importing edge/: a fake that shares the code under test would agree with its bugs.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Real Geeks Activities page: "2015-04-01T08:41:51+00:00".
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ROLES = ['Buyer', 'Seller', 'Buyer and Seller', 'Renter'];
const LEAD_TEXT = ['source', 'source_details', 'first_name', 'last_name', 'phone', 'phone2', 'address', 'street_address', 'city', 'state', 'zip', 'region'];
const LEAD_FIELDS = ['id', ...LEAD_TEXT, 'email', 'second_email', 'role', 'activities', 'created'];
// Leads fields page: the "optional *" fields; the stand-in wants at least one, as a lead needs a way to reach it.
const CONTACT = ['email', 'second_email', 'first_name', 'last_name', 'phone', 'phone2', 'address', 'street_address', 'city', 'state'];
const ACTIVITY_FIELDS = ['type', 'source', 'description', 'property', 'user', 'created', 'notify_users'];
const PROPERTY_TEXT = ['mls', 'url', 'street_address', 'city', 'state', 'zip', 'type', 'listing_status', 'last_sold_date'];
// realgeeks.txt sample: numbers sent both as JSON numbers and as strings ("beds": 2, "half_baths": "1").
const PROPERTY_NUMBER = ['beds', 'full_baths', 'half_baths', 'listing_days_on_market', 'sqft', 'listing_price', 'estimated_value', 'last_sold_price', 'latitude', 'longitude'];
const USER_FIELDS = ['id', 'role', 'admin', 'name', 'email', 'signature', 'phone_company', 'phone_office', 'phone_cell', 'phone_home'];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const isNumberLike = (value: unknown) => (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value));
const unknownKeys = (value: Json, known: string[]) => Object.keys(value).filter((key) => !known.includes(key));

/** Checks collected for one request, named so the inspector page says what was wrong. */
class Checks {
  readonly list: Check[] = [];
  add(name: string, ok: boolean, detail?: unknown): void {
    this.list.push({ name, ok, ...(detail === undefined || ok ? {} : { detail: typeof detail === 'string' ? detail : JSON.stringify(detail) }) });
  }
  get failed(): Check | undefined {
    return this.list.find((check) => !check.ok);
  }
}

function checkProperty(property: unknown, at: string, checks: Checks): void {
  if (!isObject(property)) return checks.add(`${at}.property: object`, false, property);
  checks.add(`${at}.property: only Property fields`, unknownKeys(property, [...PROPERTY_TEXT, ...PROPERTY_NUMBER, 'tags']).length === 0, unknownKeys(property, [...PROPERTY_TEXT, ...PROPERTY_NUMBER, 'tags']));
  for (const key of PROPERTY_TEXT) if (key in property) checks.add(`${at}.property.${key}: text`, isText(property[key]), property[key]);
  for (const key of PROPERTY_NUMBER) if (key in property) checks.add(`${at}.property.${key}: number`, isNumberLike(property[key]), property[key]);
  if ('tags' in property) checks.add(`${at}.property.tags: list of text`, Array.isArray(property['tags']) && property['tags'].every(isText), property['tags']);
}

/** Real Geeks Activities page: type, source and description required; property, user, created, notify_users optional. */
function checkActivity(activity: unknown, at: string, checks: Checks): void {
  if (!isObject(activity)) return checks.add(`${at}: object`, false, activity);
  checks.add(`${at}: only Activity fields`, unknownKeys(activity, ACTIVITY_FIELDS).length === 0, unknownKeys(activity, ACTIVITY_FIELDS));
  checks.add(`${at}.type: snake_case text`, typeof activity['type'] === 'string' && /^[a-z][a-z0-9_]*$/.test(activity['type']), activity['type']);
  checks.add(`${at}.source: required text`, isText(activity['source']), activity['source']);
  checks.add(`${at}.description: required text`, isText(activity['description']), activity['description']);
  if ('property' in activity) checkProperty(activity['property'], at, checks);
  if ('user' in activity) {
    const user = activity['user'];
    checks.add(`${at}.user: User object`, isObject(user) && unknownKeys(user, USER_FIELDS).length === 0, user);
  }
  if ('created' in activity) checks.add(`${at}.created: ISO 8601 date and time`, typeof activity['created'] === 'string' && ISO_DATE_TIME.test(activity['created']), activity['created']);
  if ('notify_users' in activity) checks.add(`${at}.notify_users: boolean`, typeof activity['notify_users'] === 'boolean', activity['notify_users']);
}

function checkActivities(value: unknown, checks: Checks): void {
  checks.add('activities: non-empty list', Array.isArray(value) && value.length > 0, value);
  if (Array.isArray(value)) value.forEach((activity, index) => checkActivity(activity, `activities[${index}]`, checks));
}

/** Real Geeks Leads fields page, field by field. `creating`: the create endpoint, where source is required. */
function checkLead(lead: Json, creating: boolean, checks: Checks): void {
  checks.add('only Leads fields', unknownKeys(lead, LEAD_FIELDS).length === 0, unknownKeys(lead, LEAD_FIELDS));
  if ('id' in lead) checks.add('id: a UUID', typeof lead['id'] === 'string' && UUID.test(lead['id']), lead['id']);
  if (creating) checks.add('source: required', isText(lead['source']), lead['source']);
  for (const key of LEAD_TEXT) if (key in lead) checks.add(`${key}: text`, isText(lead[key]), lead[key]);
  for (const key of ['email', 'second_email']) if (key in lead) checks.add(`${key}: valid email`, typeof lead[key] === 'string' && EMAIL.test(lead[key]), lead[key]);
  if ('phone' in lead) checks.add('phone: a phone number', typeof lead['phone'] === 'string' && /^\+?[\d ()-]{7,}$/.test(lead['phone']), lead['phone']);
  if ('role' in lead) checks.add(`role: one of ${ROLES.join(', ')}`, ROLES.includes(String(lead['role'])), lead['role']);
  if ('created' in lead) checks.add('created: ISO 8601 date and time', typeof lead['created'] === 'string' && ISO_DATE_TIME.test(lead['created']), lead['created']);
  if (creating) checks.add('at least one contact field (email, name, phone or address)', CONTACT.some((key) => key in lead));
  if ('activities' in lead) checkActivities(lead['activities'], checks);
}

/** realgeeks.txt: a potential seller lead has only id, activities and created, and a property_viewed with a property. */
function checkPotentialSeller(lead: Json, checks: Checks): void {
  checks.add('only id, activities and created', unknownKeys(lead, ['id', 'activities', 'created']).length === 0, unknownKeys(lead, ['id', 'activities', 'created']));
  if ('id' in lead) checks.add('id: a UUID', typeof lead['id'] === 'string' && UUID.test(lead['id']), lead['id']);
  if ('created' in lead) checks.add('created: ISO 8601 date and time', typeof lead['created'] === 'string' && ISO_DATE_TIME.test(lead['created']), lead['created']);
  checkActivities(lead['activities'], checks);
  const activities = Array.isArray(lead['activities']) ? (lead['activities'] as unknown[]) : [];
  checks.add('a property_viewed activity with a property', activities.some((item) => isObject(item) && item['type'] === 'property_viewed' && isObject(item['property'])));
}

const answer = (status: number, body: unknown, checks: Checks, authenticated: boolean): Verdict => ({ checks: checks.list, authenticated, status, body });
// realgeeks.txt, Error responses: 400, 401 and 422 answer {"error": "description"}.
const error = (status: number, description: string, checks: Checks, authenticated: boolean) => answer(status, { error: description }, checks, authenticated);

const ROUTES = [
  { method: 'POST', path: /^\/sites\/([^/]+)\/leads$/, kind: 'create' },
  { method: 'PATCH', path: /^\/sites\/([^/]+)\/leads\/([^/]+)$/, kind: 'update' },
  { method: 'POST', path: /^\/sites\/([^/]+)\/leads\/([^/]+)\/activities$/, kind: 'activities' },
  { method: 'POST', path: /^\/sites\/([^/]+)\/potential-seller-leads$/, kind: 'potential-seller' },
] as const;

/** The Real Geeks Incoming Leads API: HTTP Basic auth with `username` and `password`, four endpoints. */
export function realgeeksStandIn(secrets: Readonly<Record<string, string>>): StandIn {
  const bytes = new TextEncoder().encode(`${secrets['username'] ?? ''}:${secrets['password'] ?? ''}`);
  const expected = `Basic ${btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''))}`;

  return {
    name: 'realgeeks',
    async judge(request) {
      const checks = new Checks();
      const route = ROUTES.map((item) => ({ ...item, match: item.path.exec(request.path) })).find((item) => item.method === request.method && item.match);
      // realgeeks.txt documents no 404; an unknown path or method answers like the other errors.
      if (!route?.match) return error(404, `no route ${request.method} ${request.path}`, checks, false);
      const authenticated = request.headers.get('authorization') === expected;
      checks.add('Authorization: Basic base64(username:password)', authenticated);
      // realgeeks.txt: 401 when the header "is missing or incorrect"; the stand-in grants every site.
      if (!authenticated) return error(401, 'Authorization header is missing or incorrect', checks, false);
      const [, site = '', leadId] = route.match;
      checks.add('site uuid: a UUID', UUID.test(site), site);
      if (leadId !== undefined) checks.add('lead id: a UUID', UUID.test(leadId), leadId);
      let body: unknown;
      try {
        body = JSON.parse(request.body);
      } catch {
        checks.add('body: valid JSON', false, request.body.slice(0, 200));
        return error(400, 'Request body is not a valid JSON document', checks, true);
      }
      checks.add('body: valid JSON', true);
      if (route.kind === 'activities') checkActivities(body, checks);
      else if (!isObject(body)) checks.add('body: a JSON object', false, body);
      else if (route.kind === 'potential-seller') checkPotentialSeller(body, checks);
      else checkLead(body, route.kind === 'create', checks);
      const failed = checks.failed;
      // realgeeks.txt: 422 when the JSON is valid "but one of the fields did not validate".
      if (failed) return error(422, `${failed.name}${failed.detail ? `: ${failed.detail}` : ''}`, checks, true);
      // realgeeks.txt: creates answer 201, updates and activities 200, always with {}. A create with an id
      // already seen is still 201: "our Lead Manager CRM might decide they already have this lead".
      return answer(route.kind === 'create' || route.kind === 'potential-seller' ? 201 : 200, {}, checks, true);
    },
  };
}
