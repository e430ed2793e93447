import { describe, expect, it } from 'vitest';
import { pathWithin } from '../../../edge/http/base-path.ts';

describe('pathWithin (BASE_PATH, a Worker on a route such as example.com/lr/*)', () => {
  it('strips the prefix, and refuses paths outside it', () => {
    expect(pathWithin('/lr/v1/touch', '/lr')).toBe('/v1/touch');
    expect(pathWithin('/lr/widget.js', '/lr/')).toBe('/widget.js');
    expect(pathWithin('/lr', '/lr')).toBe('/');
    expect(pathWithin('/lrx/widget.js', '/lr')).toBeUndefined();
    expect(pathWithin('/v1/touch', '/lr')).toBeUndefined();
  });
  it('leaves every path alone without one', () => {
    expect(pathWithin('/v1/touch', undefined)).toBe('/v1/touch');
    expect(pathWithin('/v1/touch', '')).toBe('/v1/touch');
  });
});
