// sourcebuster ships no types; this is the part of its API the bench entry calls.
declare module 'sourcebuster' {
  const sbjs: { init(options?: Record<string, unknown>): void; get: unknown };
  export default sbjs;
}
