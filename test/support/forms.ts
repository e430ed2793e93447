// Forms and fake secrets the tests run with. The values are fake on purpose; a test may scan
// for them to prove no secret leaks into responses or logs.

/** Secret values the test Worker holds, by Worker secret name. */
export const TEST_SECRETS = {
  ADMIN_TOKEN: 'test-admin-token-NOT-REAL-a71c',
  TOUCH_COOKIE_SECRET: 'test-touch-cookie-secret-NOT-REAL-4b8e',
  SERVER_TEST_TOKEN: 'test-server-token-NOT-REAL-5d0e',
  TURNSTILE_TEST_SECRET: 'test-turnstile-secret-NOT-REAL-9e3a',
  ANAROCK_TEST_KEY: 'test-anarock-key-NOT-REAL-3f9a',
  COMUNIK8_TEST_KEY: 'test-comunik8-key-NOT-REAL-c8k4',
  HOTWIRE_TEST_APIKEY: 'test-hotwire-apikey-NOT-REAL-8c2d',
  HOTWIRE_TEST_SECRET: 'test-hotwire-secret-NOT-REAL-51e7',
  HOTWIRE_TEST_WRONG_SECRET: 'test-hotwire-wrong-secret-NOT-REAL-0b94', // signs a sig the stand-in refuses
  REALGEEKS_TEST_USERNAME: 'test-realgeeks-user-NOT-REAL-6a1f',
  REALGEEKS_TEST_PASSWORD: 'test-realgeeks-password-NOT-REAL-d93b',
  REALGEEKS_TEST_WRONG_PASSWORD: 'test-realgeeks-wrong-password-NOT-REAL-27c5', // the stand-in answers 401
  SAKNEEN_TEST_APIKEY: 'test-sakneen-apikey-NOT-REAL-7c2e',
  // A key in every character class that encodes differently on the wire: ~()! (kept by
  // encodeURIComponent, escaped by form encoding), a space (+ or %20), quotes and a backslash (JSON).
  ODD_TEST_KEY: 'odd~key(NOT-REAL)! "quoted" back\\slash it\'s 4/2',
} as const;

/** The test forms, each pointing its provider at the stand-ins under `standInUrl`. */
export function testForms(standInUrl: string) {
  return {
    'comunik8-test': {
      provider: 'comunik8',
      origins: ['https://shop.example.com'],
      defaultCountry: 'GB',
      secrets: { key: 'COMUNIK8_TEST_KEY' },
      options: { baseUrl: `${standInUrl}/comunik8`, type: 'motor-trade', subtype: 'valeter', delays: 600, fieldMap: { other_phone: 'landline', delays: 'call_in' } },
    },
    'comunik8-test-mode': {
      provider: 'comunik8',
      origins: ['https://shop.example.com'],
      defaultCountry: 'GB',
      secrets: { key: 'COMUNIK8_TEST_KEY' },
      options: { baseUrl: `${standInUrl}/comunik8`, type: 'motor-trade', test: true, fieldMap: { first_name: 'given_name', surname: 'family_name' } },
    },
    'comunik8-odd-key': {
      provider: 'comunik8',
      origins: ['https://shop.example.com'],
      defaultCountry: 'GB',
      secrets: { key: 'ODD_TEST_KEY' },
      options: { baseUrl: `${standInUrl}/comunik8`, type: 'motor-trade', test: true },
    },
    'hotwire-test': {
      provider: 'hotwire',
      origins: ['https://shop.example.com'],
      secrets: { apiKey: 'HOTWIRE_TEST_APIKEY', secret: 'HOTWIRE_TEST_SECRET' },
      options: { environment: 'qa', baseUrl: `${standInUrl}/hotwire`, values: { source: 'leadrelay-test' } },
    },
    'hotwire-split': {
      provider: 'hotwire',
      origins: ['https://shop.example.com'],
      secrets: { apiKey: 'HOTWIRE_TEST_APIKEY', secret: 'HOTWIRE_TEST_SECRET' },
      options: {
        environment: 'production',
        baseUrl: `${standInUrl}/hotwire`,
        fieldMap: { firstName: 'first_name', lastName: 'last_name', gender: 'sex', age: 'years' },
        attribution: { source: 'none' },
        values: { source: 'eBay' },
      },
    },
    'hotwire-badsig': {
      provider: 'hotwire',
      origins: ['https://shop.example.com'],
      secrets: { apiKey: 'HOTWIRE_TEST_APIKEY', secret: 'HOTWIRE_TEST_WRONG_SECRET' },
      options: { environment: 'qa', baseUrl: `${standInUrl}/hotwire` },
    },
    'realgeeks-test': {
      provider: 'realgeeks',
      origins: ['https://shop.example.com'],
      defaultCountry: 'US',
      secrets: { username: 'REALGEEKS_TEST_USERNAME', password: 'REALGEEKS_TEST_PASSWORD' },
      options: {
        baseUrl: `${standInUrl}/realgeeks`,
        siteUuid: '106994a2-ad21-4ab7-ad89-1c4ccd9ae8a5',
        fieldMap: { role: 'interest', phone2: 'mobile', second_email: 'work_email', street_address: 'street', region: 'area' },
        values: { source: 'LeadRelay test', source_details: 'Test form', city: 'Kailua', state: 'HI' },
        notifyUsers: true,
        propertyMap: { mls: 'mls', url: 'listing_url', beds: 'bedrooms', listing_price: 'price', tags: 'labels' },
      },
    },
    'realgeeks-seller': {
      provider: 'realgeeks',
      origins: ['https://shop.example.com'],
      defaultCountry: 'US',
      secrets: { username: 'REALGEEKS_TEST_USERNAME', password: 'REALGEEKS_TEST_PASSWORD' },
      options: {
        baseUrl: `${standInUrl}/realgeeks`,
        siteUuid: '5b0e4b8e-7f55-4a4e-9d0c-3c2f1e8a9b71',
        attribution: { source: 'utm_campaign' },
        values: { source: 'Home valuation page', role: 'Seller' },
        messageField: 'comments',
        activityType: 'property_viewed',
      },
    },
    'realgeeks-badauth': {
      provider: 'realgeeks',
      origins: ['https://shop.example.com'],
      secrets: { username: 'REALGEEKS_TEST_USERNAME', password: 'REALGEEKS_TEST_WRONG_PASSWORD' },
      options: { baseUrl: `${standInUrl}/realgeeks`, siteUuid: '106994a2-ad21-4ab7-ad89-1c4ccd9ae8a5', values: { source: 'LeadRelay test' } },
    },
    'sakneen-test': {
      provider: 'sakneen',
      origins: ['https://shop.example.com'],
      defaultCountry: 'AE',
      secrets: { apiKey: 'SAKNEEN_TEST_APIKEY' },
      options: {
        domain: 'crm.example-developer.com',
        baseUrl: `${standInUrl}/sakneen`,
        fieldMap: { project: 'interest' },
        values: { project: 'Downtown Tower' },
      },
    },
    // Forms for the abuse and input guards: all Anarock, each with one setting under test.
    ...Object.fromEntries(
      (
        [
          ['server-test', { serverToken: 'SERVER_TEST_TOKEN' }],
          ['strict-test', { rateLimit: 'strict' }],
          ['turnstile-test', { turnstileSecret: 'TURNSTILE_TEST_SECRET' }],
          ['fields-reject', { fields: ['name', 'phone', 'email'], unknownFields: 'reject' }],
          ['fields-drop', { fields: ['name', 'phone', 'email'] }],
          ['thanks-test', { thankYouUrl: 'https://shop.example.com/thanks' }],
          // Each names a Worker secret nobody set: misconfigured, so they take no lead at all.
          ['turnstile-unset', { turnstileSecret: 'TURNSTILE_UNSET_SECRET' }],
          ['server-token-unset', { serverToken: 'SERVER_UNSET_TOKEN' }],
          ['provider-secret-unset', { secrets: { key: 'ANAROCK_UNSET_KEY' } }],
          ['timing-accept', { missingTiming: 'accept' }],
          ['anarock-odd-key', { secrets: { key: 'ODD_TEST_KEY' } }],
        ] as const
      ).map(([id, guard]) => [
        id,
        {
          provider: 'anarock',
          origins: ['https://shop.example.com'],
          defaultCountry: 'IN',
          secrets: { key: 'ANAROCK_TEST_KEY' },
          options: { environment: 'staging', baseUrl: `${standInUrl}/anarock`, channel: 'guard-channel', campaignId: `campaign-${id}` },
          ...guard,
        },
      ]),
    ),
    'anarock-json': {
      provider: 'anarock',
      origins: ['https://shop.example.com', 'https://*.example.org', 'http://127.0.0.1'],
      defaultCountry: 'IN',
      secrets: { key: 'ANAROCK_TEST_KEY' },
      options: {
        environment: 'staging',
        baseUrl: `${standInUrl}/anarock`,
        channel: 'test-channel',
        campaignId: 'test-campaign',
        fieldMap: { listing_name: 'project' },
        values: { listing_id: '111', source: 'website' },
      },
    },
    // Only test/edge/operators/alerts.test.ts posts here: an alert's recovery is per form, and a
    // delivery of another file's lead to a shared form (a queued retry finishing late on a loaded
    // machine) would be the recovery that test waits for.
    'anarock-alerts': {
      provider: 'anarock',
      origins: ['https://shop.example.com'],
      defaultCountry: 'IN',
      secrets: { key: 'ANAROCK_TEST_KEY' },
      options: { environment: 'staging', baseUrl: `${standInUrl}/anarock`, channel: 'test-channel', campaignId: 'test-campaign-alerts' },
    },
    'anarock-form': {
      provider: 'anarock',
      origins: ['https://shop.example.com'],
      defaultCountry: 'AE',
      secrets: { key: 'ANAROCK_TEST_KEY' },
      options: {
        environment: 'production',
        baseUrl: `${standInUrl}/anarock`,
        channel: 'test-channel',
        campaignId: 'test-campaign-2',
        encoding: 'form',
      },
    },
  };
}
