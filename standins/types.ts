/** One check a stand-in made on a request, as the provider's document describes it. */
export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

/** A stand-in's verdict on one request: the checks it ran and the documented answer it chose. */
export interface Verdict {
  checks: Check[];
  /** Whether the request's signature or credentials verified. */
  authenticated: boolean;
  status: number;
  body: unknown;
}

/** Everything a stand-in saw and answered, kept for the inspector page and for tests. */
export interface RecordedRequest {
  seq: number;
  provider: string;
  at: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The body as the stand-in understood it (JSON or form fields). */
  parsed: unknown;
  checks: Check[];
  authenticated: boolean;
  response: { status: number; body: unknown };
}

/** A forced answer, queued by a test to replay provider outages and errors. */
export interface ScriptedResponse {
  status: number;
  body: unknown;
  /** Only a request whose body contains this text gets the answer (keeps parallel tests apart). */
  match?: string;
}

/** A stand-in of one provider's API: judges a request exactly as the provider's document says. */
export interface StandIn {
  name: string;
  /** Judges one request; `path` is below the stand-in's own prefix (`/anarock`). */
  judge(request: StandInRequest, now: Date): Promise<Verdict>;
}

/** A request as a stand-in sees it. */
export interface StandInRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: string;
}

/** A provider's stand-in as registered in standins/registry.ts. */
export interface StandInDefinition {
  /** The provider's secret names, as its edge adapter calls them (e.g. `key`). */
  secretNames: readonly string[];
  create(secrets: Readonly<Record<string, string>>): StandIn;
}

/** Secret values per provider: `{ anarock: { key: '…' } }`. */
export type StandInSecrets = Readonly<Record<string, Readonly<Record<string, string>>>>;
