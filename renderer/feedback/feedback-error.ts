// A refusal of the feedback API worded in the page's language from its code (the hub's own
// message is English, for developers; it never reaches the citizen's screen).
import type { TFunction } from 'i18next';
import { HubError } from '../hub-client.ts';

const KNOWN = ['invalid_input', 'rate_limited', 'not_found', 'network'];

export function feedbackErrorText(t: TFunction, err: unknown): string {
  const code = err instanceof HubError ? err.code : 'unknown';
  return t(`feedback.errors.${KNOWN.includes(code) ? code : 'unknown'}`);
}
