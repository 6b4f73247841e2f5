// Every error a hall screen shows is worded from the hub's `error.code` in the screen's language
// (ar.json / en.json `errors.*`): the hub's English `message` never reaches an Arabic screen.
import i18next from 'i18next';
import { HubError } from '../hub-client.ts';

const CODES = [
  'network', 'invalid_input', 'unauthorized', 'forbidden', 'not_found', 'illegal_transition', 'conflict', 'hall_closed', 'rate_limited', 'internal', 'unavailable',
  // Transfers to a counter or a clerk.
  'counter_closed', 'clerk_absent', 'reserved',
  // The hall's disk is full.
  'storage_full',
];

export function hubErrorText(e: unknown): string {
  const code = e instanceof HubError ? e.code : 'internal';
  return CODES.includes(code) ? i18next.t(`errors.${code}`) : i18next.t('errors.unknown', { code });
}
