import { GLOBAL_NAME } from './constants.ts';

/** Handlers of `leadrelay('<name>', ...args)` calls. */
export type CommandHandlers = Record<string, (...args: never[]) => unknown>;

type CommandFunction = ((name: string, ...args: unknown[]) => unknown) & { q?: Iterable<unknown>[] };

/**
 * Installs `window.leadrelay(name, ...args)` and replays the calls a page queued before the
 * script loaded (with the snippet `window.leadrelay=window.leadrelay||function(){(leadrelay.q=leadrelay.q||[]).push(arguments)}`).
 * A failing command logs and returns undefined: it never throws into the page.
 */
export function installCommands(handlers: CommandHandlers): void {
  const host = window as unknown as Record<string, CommandFunction | undefined>;
  const queued = host[GLOBAL_NAME]?.q ?? [];
  const run: CommandFunction = (name, ...args) => {
    try {
      return (handlers[name] as ((...values: unknown[]) => unknown) | undefined)?.(...args);
    } catch (error) {
      console.error('[leadrelay]', error);
      return undefined;
    }
  };
  host[GLOBAL_NAME] = run;
  // Each queued call is an `arguments` object, iterable like an array.
  for (const call of queued) run(...(call as [string, ...unknown[]]));
}
