/** One structured log line. Callers pass ids and outcomes only: never names, emails, phones or secrets. */
export function log(entry: Record<string, unknown>): void {
  console.log(JSON.stringify(entry));
}
