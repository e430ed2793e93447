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
  /** The answer sent, or `dropped` when the connection was cut before answering. */
  response: { status: number; body: unknown; dropped?: boolean };
}

/**
 * A forced answer, queued by a test to replay provider outages and errors. By default the
 * provider answers `status`/`body` and keeps nothing (an outage). With `drop`, it processes the
 * request for real (stores the lead) and then drops the connection: the answer is lost. With
 * `delayMs`, it waits that long, then processes and answers for real (a slow provider).
 */
export interface ScriptedResponse {
  status?: number;
  body?: unknown;
  drop?: boolean;
  delayMs?: number;
  /** Only a request whose body or URL contains this text gets the answer (keeps parallel tests apart). */
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
