/** Whether a touch (as storage gives it back: anything) was captured at `oldest` or later, within retention. */
export function isCurrent<T>(touch: T, oldest: number): touch is T & { captured_at: number } {
  const at = (touch as { captured_at?: unknown } | null | undefined)?.captured_at;
  return typeof at === 'number' && at >= oldest;
}
