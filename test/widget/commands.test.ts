import { afterEach, describe, expect, it, vi } from 'vitest';
import { installCommands } from '../../widget/commands.ts';

type Host = Record<string, unknown>;
afterEach(() => {
  delete (window as unknown as Host)['leadrelay'];
  vi.restoreAllMocks();
});

describe('installCommands', () => {
  it('replays calls the page queued before the script loaded, in order, then takes new ones', () => {
    // The snippet a page pastes before the script tag.
    const host = window as unknown as Host & { leadrelay: ((...args: unknown[]) => void) & { q?: unknown[] } };
    host.leadrelay = function (...args: unknown[]) {
      (host.leadrelay.q = host.leadrelay.q ?? []).push(args);
    } as typeof host.leadrelay;
    host.leadrelay('consent', true);
    host.leadrelay('attribution', 'cb');

    const seen: unknown[][] = [];
    installCommands({ consent: (granted: boolean) => seen.push(['consent', granted]), attribution: (cb: string) => seen.push(['attribution', cb]) });
    expect(seen).toEqual([['consent', true], ['attribution', 'cb']]);
    host.leadrelay('consent', false);
    expect(seen.at(-1)).toEqual(['consent', false]);
  });

  it('never throws into the page: a failing or unknown command is logged', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    installCommands({ boom: () => { throw new Error('bad'); } });
    const run = (window as unknown as Record<string, (...args: unknown[]) => unknown>)['leadrelay']!;
    expect(() => run('boom')).not.toThrow();
    expect(() => run('nothing-by-this-name')).not.toThrow();
    expect(log).toHaveBeenCalledTimes(1);
  });
});
