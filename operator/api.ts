// The admin API as the page calls it, with the token the operator typed (kept for this tab only).

export const TOKEN_KEY = 'leadrelay_admin_token';

/** An answer that is not 2xx, with the API's sentence (or the page's own, for a wrong token). */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly fields?: Record<string, string>) {
    super(message);
  }
}

const authorization = () => ({ authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}` });

async function failure(response: Response): Promise<ApiError> {
  // The API's 401 tells a client which header to send; a person typed a token that is not this deployment's.
  if (response.status === 401) return new ApiError(401, 'That is not this deployment’s admin token (the ADMIN_TOKEN secret). Check it and try again.');
  const body = (await response.json().catch(() => ({}))) as { error?: { message: string; fields?: Record<string, string> } };
  const fields = body.error?.fields;
  const detail = fields ? ` (${Object.values(fields).join('; ')})` : '';
  return new ApiError(response.status, `${body.error?.message ?? `HTTP ${response.status}`}${detail}`, fields);
}

/** A JSON answer; `acceptStatus` lists non-2xx statuses whose body is a result, not an error. */
export async function api<T>(path: string, init: RequestInit = {}, acceptStatus: readonly number[] = []): Promise<T> {
  const response = await fetch(`/v1/admin${path}`, { ...init, headers: { ...authorization(), ...init.headers } });
  if (!response.ok && !acceptStatus.includes(response.status)) throw await failure(response);
  return (await response.json()) as T;
}

/** A POST with a JSON body. */
export const postJson = <T>(path: string, body: unknown, acceptStatus: readonly number[] = []) =>
  api<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, acceptStatus);

/** Downloads a file the API streams (a link cannot carry the bearer token, so fetch, then save). */
export async function download(path: string): Promise<void> {
  const response = await fetch(`/v1/admin${path}`, { headers: authorization() });
  if (!response.ok) throw await failure(response);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
