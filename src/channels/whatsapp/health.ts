/**
 * Whether whatsapp-web.js's page still answers. After hours idle the page's frame can be replaced under
 * puppeteer with no `disconnected` event (whatsapp-web.js #5678): every call then fails with "Attempted to use
 * detached Frame", "Execution context was destroyed", a CDP "Protocol error" or "Target closed", and keeps
 * failing until the client is rebuilt. The adapter counts these failures (and failed `getState()` probes);
 * a few in a row rebuild the client.
 */

/** The errors of a page that no longer runs WhatsApp Web (puppeteer's wording). */
const BROKEN_PAGE = /detached frame|execution context was destroyed|protocol error|target closed|session closed/i;

/** Whether `err` says the browser page is gone (not a refusal by WhatsApp for one chat). */
export function isEvaluationFailure(err: unknown): boolean {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return BROKEN_PAGE.test(text);
}

/** Failures in a row (probes or sends) after which the client is rebuilt. */
export const HEALTH_FAILURES = 3;
