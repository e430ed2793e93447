// IAB TCF v2.2: a CMP on the page answers `__tcfapi('addEventListener', 2, callback)` with its
// TC data on load and after every choice the visitor makes (IAB Europe, "Consent Management
// Platform API", addEventListener and the TCData object). Attribution stores data on the
// visitor's device, which is TCF Purpose 1, "Store and/or access information on a device".

/** The part of TCF's TCData we read. */
interface TcData {
  gdprApplies?: boolean;
  /** 'tcloaded' (a stored choice), 'cmpuishown' (the visitor is being asked) or 'useractioncomplete'. */
  eventStatus?: string;
  purpose?: { consents?: Record<string, boolean | undefined> };
}

type TcfApi = (command: string, version: number, callback: (data: TcData, success: boolean) => void) => void;

/** Purpose 1: store and/or access information on a device. */
const STORAGE_PURPOSE = '1';

/**
 * Calls `onDecision(granted)` whenever the CMP has a choice: granted where GDPR does not apply, or
 * with consent to Purpose 1. Returns false when the page has no `__tcfapi` (yet).
 */
export function followTcf(onDecision: (granted: boolean) => void): boolean {
  const api = (window as unknown as { __tcfapi?: TcfApi }).__tcfapi;
  if (typeof api !== 'function') return false;
  api('addEventListener', 2, (data, success) => {
    // While the CMP's dialog is open the visitor has not decided: the earlier state stands.
    if (!success || (data.eventStatus !== 'tcloaded' && data.eventStatus !== 'useractioncomplete')) return;
    onDecision(data.gdprApplies === false || data.purpose?.consents?.[STORAGE_PURPOSE] === true);
  });
  return true;
}
