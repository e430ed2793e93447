// A fetch for widget tests: records every request and answers with the scripted responses in order.

/** One request the widget made. */
export interface FetchCall {
  url: string;
  init: RequestInit;
  body: Record<string, unknown>;
}

/** A scripted answer: a response, or an error to throw (a network failure). */
export type FetchAnswer = { status: number; body: unknown; headers?: Record<string, string> } | Error;

/** Answers with the next of `answers`, then with 500s; `calls` lists what was sent. */
export function fakeFetch(...answers: FetchAnswer[]): { calls: FetchCall[]; send: typeof fetch } {
  const calls: FetchCall[] = [];
  const send = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init, body: JSON.parse(String(init.body)) });
    const answer = answers.shift() ?? { status: 500, body: {} };
    if (answer instanceof Error) throw answer;
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json', ...answer.headers } });
  };
  return { calls, send: send as typeof fetch };
}
