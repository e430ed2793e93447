// Forms and fake secrets the tests run with. The values are fake on purpose; a test may scan
// for them to prove no secret leaks into responses or logs.

/** Secret values the test Worker holds, by Worker secret name. */
export const TEST_SECRETS = {
  ANAROCK_TEST_KEY: 'test-anarock-key-NOT-REAL-3f9a',
} as const;

/** The test forms, each pointing its provider at the stand-ins under `standInUrl`. */
export function testForms(standInUrl: string) {
  return {
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
