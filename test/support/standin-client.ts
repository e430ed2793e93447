import type { RecordedRequest } from '../../standins/types.ts';

/** What the stand-ins at `standInUrl` received for `provider`, oldest first. */
export async function standInRequests(standInUrl: string, provider: string): Promise<RecordedRequest[]> {
  return (await (await fetch(`${standInUrl}/__standin/requests?provider=${provider}`)).json()) as RecordedRequest[];
}

/** How many requests the stand-ins at `standInUrl` received for `provider`. */
export const standInCount = async (standInUrl: string, provider: string): Promise<number> => (await standInRequests(standInUrl, provider)).length;
