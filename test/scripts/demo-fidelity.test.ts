// Every field of every demo form, posted through the edge's own accept steps to the provider
// stand-ins with the demo's real config ([env.demo] of wrangler.toml): where each one lands.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { experimental_readRawConfig } from 'wrangler';
import { parseForms, type FormConfig } from '../../edge/config/forms.ts';
import { deliverLeads } from '../../edge/delivery/deliver.ts';
import { applyFieldList } from '../../edge/guard/fields.ts';
import { readVisitorPhone } from '../../edge/leads/phone-field.ts';
import type { ProviderLead } from '../../edge/providers/types.ts';
import { DEMO_ENV_FILE, readEnvFile, ROOT } from '../../scripts/local-stack.ts';
import '../../scripts/phone-metadata.ts';
import { standInSecretsFrom } from '../../standins/registry.ts';
import { startStandIns, type StandInServer } from '../../standins/server.ts';

// What a visitor types into each demo form (demo/site/*.html, demo/app/main.tsx), by form field.
const DEMO_FORMS: Array<{ page: string; formId: string; fields: Record<string, string> }> = [
  { page: 'page-b.html', formId: 'demo-anarock', fields: { name: 'Asha Rao', phone: '+91 98765 43210', email: 'asha@example.com', message: 'Please call me about the 2BHK' } },
  { page: 'index.html', formId: 'demo-anarock', fields: { name: 'Asha Rao', phone: '98765 43211', email: 'asha@example.com', city: 'Pune', max_budget: '50000000', remarks: 'Weekend visit' } },
  { page: 'providers.html', formId: 'demo-realgeeks', fields: { name: 'Jack Johnson', email: 'jack@example.com', phone: '(808) 263-1234', role: 'Seller', message: 'Is it still available?' } },
  { page: 'providers.html', formId: 'demo-comunik8', fields: { name: 'John Doe', email: 'john@example.com', phone: '07840 258823', vehicle_make: 'Ford' } },
  { page: 'providers.html', formId: 'demo-sakneen', fields: { name: 'Layla Haddad', phone: '+971 50 123 4567', email: 'layla@example.com' } },
  { page: 'providers.html', formId: 'demo-hotwire', fields: { name: 'John Smith', email: 'john.smith@example.com', gender: 'M', age: '34', consent: 'yes' } },
];
const ATTRIBUTION = { last: { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'may', utm_term: 'villa' } };

/** Paths in a JSON value whose leaf equals `value` (or, for text of 4+ characters, contains it). */
function pathsOf(node: unknown, value: string, path = ''): string[] {
  if (typeof node === 'string' && node.startsWith('{') && path) {
    try {
      return pathsOf(JSON.parse(node), value, path); // Comunik8's `data` is a JSON string
    } catch {
      // plain text that starts with a brace
    }
  }
  if (Array.isArray(node)) return node.flatMap((item, index) => pathsOf(item, value, `${path}[${index}]`));
  if (typeof node === 'object' && node !== null) return Object.entries(node).flatMap(([key, item]) => pathsOf(item, value, path ? `${path}.${key}` : key));
  const text = String(node);
  return text === value || (value.length >= 4 && text.includes(value)) ? [path] : [];
}

let standIns: StandInServer;
let forms: ReadonlyMap<string, FormConfig>;
const env = readEnvFile(DEMO_ENV_FILE);

beforeAll(async () => {
  standIns = await startStandIns(standInSecretsFrom(env, 'DEMO'));
  const { rawConfig } = experimental_readRawConfig({ config: join(ROOT, 'wrangler.toml') });
  const raw = (rawConfig.env?.['demo']?.vars as Record<string, unknown>)['FORMS'] as Record<string, { options: Record<string, unknown> }>;
  // The demo's own forms, each pointed at this run's stand-ins instead of :8790.
  const local = Object.fromEntries(Object.entries(raw).map(([id, form]) => [id, { ...form, options: { ...form.options, baseUrl: `${standIns.url}/${String(form.options['baseUrl']).split('/').pop()}` } }]));
  const parsed = parseForms(local);
  expect(parsed.problems).toEqual([]);
  forms = parsed.forms;
  // Node's WebCrypto has no MD5 (workerd has, for Hotwire's sig): the same digest from node:crypto.
  const digest = crypto.subtle.digest.bind(crypto.subtle);
  vi.spyOn(crypto.subtle, 'digest').mockImplementation(async (algorithm, data) =>
    algorithm === 'MD5' ? new Uint8Array(createHash('md5').update(new Uint8Array(data as ArrayBuffer)).digest()).buffer : digest(algorithm, data),
  );
});
afterAll(() => standIns.close());

/** Accepts `fields` the way edge/leads/accept.ts does, delivers the lead to the stand-in, and says where each field went. */
async function land(formId: string, fields: Record<string, string>) {
  const form = forms.get(formId);
  if (!form) throw new Error(`no demo form ${formId}`);
  const listed = applyFieldList(fields, form.guard, form.adapter.readsFields);
  if (!listed.ok) throw new Error(JSON.stringify(listed.errors));
  const phone = readVisitorPhone(listed.fields, { defaultCountry: form.defaultCountry, requestCountry: undefined, locale: 'en' });
  if (!phone.ok) throw new Error(JSON.stringify(phone.fields));
  const lead: ProviderLead = { id: crypto.randomUUID(), fields: listed.fields, phone: phone.phone, attribution: ATTRIBUTION, receivedAt: Date.now() };
  const mapping = form.adapter.mapLead(lead);
  if (!mapping.ok) throw new Error(JSON.stringify(mapping.fields));
  const secrets = Object.fromEntries(Object.entries(form.secrets).map(([secret, name]) => [secret, env[name] ?? '']));
  const before = standIns.requests(form.provider).length;
  const [result] = await deliverLeads(form.adapter, [{ ...lead, mapped: mapping.mapped }], secrets, (request) => fetch(request), new Date());
  const [received] = standIns.requests(form.provider).slice(before);
  expect(received?.checks.filter((check) => !check.ok)).toEqual([]);
  const notForwarded = new Set([...listed.notForwarded, ...mapping.notForwarded]);
  const where = Object.fromEntries(
    Object.entries(fields).map(([field, value]) => {
      const shown = field === 'phone' && phone.phone ? [phone.phone.national, phone.phone.e164, phone.phone.international, phone.phone.nationalDigits] : [value];
      const paths = [...new Set(shown.flatMap((text) => pathsOf(received?.parsed, text)))];
      // A full name a provider takes in two parts lands word by word.
      const parts = paths.length > 0 ? [] : value.split(' ').map((word) => pathsOf(received?.parsed, word).join(', '));
      const split = parts.length > 1 && parts.every(Boolean) ? parts.join(' + ') : '';
      // Hotwire's consent box: the edge refuses a lead without it; hotwire.txt has no field to send it in.
      const gate = form.adapter.requiredFields.includes(field) ? 'required by the edge, not sent' : '';
      return [field, notForwarded.has(field) ? 'not forwarded' : paths.join(', ') || split || gate || 'nowhere'];
    }),
  );
  return { result: result?.kind, where };
}

describe('the demo forms at the stand-ins', () => {
  it('delivers each demo form, every field landing in its documented place or named as not forwarded', async () => {
    const landed: Record<string, unknown> = {};
    for (const { page, formId, fields } of DEMO_FORMS) landed[`${page} ${formId}`] = await land(formId, fields);
    expect(landed).toEqual({
      'page-b.html demo-anarock': { result: 'delivered', where: { name: 'name', phone: 'phone', email: 'email', message: 'remarks' } },
      'index.html demo-anarock': { result: 'delivered', where: { name: 'name', phone: 'phone', email: 'email', city: 'city', max_budget: 'max_budget', remarks: 'remarks' } },
      'providers.html demo-realgeeks': { result: 'delivered', where: { name: 'first_name + last_name', email: 'email', phone: 'phone', role: 'role', message: 'activities[0].description' } },
      'providers.html demo-comunik8': { result: 'delivered', where: { name: 'first_name + surname', email: 'email', phone: 'mobile', vehicle_make: 'data.vehicle_make' } },
      'providers.html demo-sakneen': { result: 'delivered', where: { name: 'name', phone: 'phoneNumber', email: 'email' } },
      'providers.html demo-hotwire': { result: 'delivered', where: { name: '[0].firstName + [0].lastName', email: '[0].email', gender: '[0].gender', age: '[0].age', consent: 'required by the edge, not sent' } },
    });
  });
});
