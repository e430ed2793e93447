import type { DeliveryResult } from './types.ts';

/** Longest provider message kept in a delivery record. */
const MAX_REASON_LENGTH = 500;

/** 2xx. */
export const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/** Answers worth trying again later: timeouts, rate limits and server errors. */
export const isTransient = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/** The body as JSON, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The body as a JSON object, or undefined when it is not one. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  const value = parseJson(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A short reason for a failed answer: the provider's own `message`/`error` when it gave one, else the body. */
export function errorReason(status: number, bodyText: string): string {
  const body = parseJsonObject(bodyText);
  const message = [body?.['message'], body?.['error'], body?.['errors']].find((value) => value !== undefined);
  const text = message === undefined ? bodyText.trim() : typeof message === 'string' ? message : JSON.stringify(message);
  return `${status} ${text || '(empty body)'}`.slice(0, MAX_REASON_LENGTH);
}

/** 401 and 403: the provider refused the form's credentials, whatever lead the request carried. */
export const isCredentialFailure = (status: number): boolean => status === 401 || status === 403;

/** A refusal of the form's credentials: the operator's problem, not the lead's, so the lead is held and tried again. */
export const heldForCredentials = (status: number, bodyText: string): DeliveryResult => ({
  kind: 'held',
  status,
  reason: `${errorReason(status, bodyText)} (credentials refused: fix the form's secret, and held leads go through on their next attempt)`.slice(0, MAX_REASON_LENGTH),
});
