/** A path segment decoded, or undefined when its percent-encoding is broken (`%ZZ`, `%`, an overlong or cut UTF-8 sequence). */
export function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    // decodeURIComponent throws URIError on malformed input: a visitor's typo, never a crash.
    return undefined;
  }
}

/** Every segment of a path decoded, or undefined when any is malformed. */
export function decodeSegments(path: string): string[] | undefined {
  const segments = path.split('/').filter(Boolean).map(decodeSegment);
  return segments.every((segment) => segment !== undefined) ? (segments as string[]) : undefined;
}
