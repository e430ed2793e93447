// The snippet's fields for each provider (shared/provider-fields.ts) are enough for that
// provider's adapter: a site owner who pastes the snippet as is gets leads delivered.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { providers } from '../../../edge/providers/index.ts';
import type { ProviderLead } from '../../../edge/providers/types.ts';
import { PROVIDER_FORM_FIELDS } from '../../../shared/provider-fields.ts';
import { conformanceFixtures } from './fixtures/index.ts';

// What a visitor types into each field the snippets ask for.
const TYPED: Readonly<Record<string, string>> = {
  name: 'Layla Haddad',
  firstName: 'Layla',
  first_name: 'Layla',
  lastName: 'Haddad',
  last_name: 'Haddad',
  surname: 'Haddad',
  email: 'layla@example.com',
  consent: 'yes',
  message: 'Call me after 6 pm',
};

// Real Geeks needs one way to reach the person, any of several: the snippet makes that the email,
// which the adapter would also take a phone number instead of.
const CHOSEN_REQUIRED: Readonly<Record<string, readonly string[]>> = { realgeeks: ['email'] };

describe('the fields each provider’s snippet asks for', () => {
  it('exist for every provider in edge/providers/index.ts', () => {
    expect(Object.keys(PROVIDER_FORM_FIELDS).sort()).toEqual(Object.keys(providers).sort());
  });

  describe.each(conformanceFixtures)('$provider', (fixture) => {
    const definition = providers[fixture.provider];
    const adapter = definition.create(v.parse(definition.optionsSchema as v.GenericSchema<unknown, never>, fixture.options));
    const specs = PROVIDER_FORM_FIELDS[fixture.provider] ?? [];
    const leadWith = (names: string[]): ProviderLead => ({
      ...fixture.lead,
      fields: Object.fromEntries(names.map((name) => [name, name === 'phone' ? (fixture.lead.fields['phone'] ?? '') : (TYPED[name] ?? `typed ${name}`)])),
      phone: names.includes('phone') ? fixture.lead.phone : undefined,
    });

    it('make a lead the adapter takes, with every field filled or only the required ones', () => {
      expect(adapter.checkLead(leadWith(specs.map((spec) => spec.name)))).toBeUndefined();
      expect(adapter.checkLead(leadWith(specs.filter((spec) => spec.required).map((spec) => spec.name)))).toBeUndefined();
    });

    it('mark as required each field without which the adapter refuses the lead', () => {
      for (const spec of specs.filter((spec) => !spec.required)) {
        expect(adapter.checkLead(leadWith(specs.filter((other) => other.required || other === spec).map((other) => other.name))), spec.name).toBeUndefined();
      }
      // The consent box is the site's own requirement: the browser and the widget enforce it, the provider does not.
      for (const spec of specs.filter((spec) => spec.required && spec.type !== 'checkbox' && !CHOSEN_REQUIRED[fixture.provider]?.includes(spec.name))) {
        expect(adapter.checkLead(leadWith(specs.filter((other) => other !== spec).map((other) => other.name))), spec.name).toBeDefined();
      }
    });
  });
});
