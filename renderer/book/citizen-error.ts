// An API refusal on the citizen's screens (booking page, kiosk check-in, tracking page) as text in
// the screen's language, from its `error.code` — never the server's English message.
import type { TFunction } from 'i18next';
import { HubError } from '../hub-client.ts';

/** The time a `too_early` refusal names (the hub says when check-in opens, as an ISO time). */
export const isoIn = (message: string): string | undefined => /\d{4}-\d{2}-\d{2}T[\d:.]+Z/.exec(message)?.[0];

export function citizenErrorText(t: TFunction, err: unknown, time?: (iso: string) => string): string {
  if (!(err instanceof HubError)) return t('citizen.errors.generic');
  if (err.status === 0 || err.code === 'network') return t('citizen.errors.network');
  if (err.status === 429) return t('citizen.errors.rate_limited');
  const at = isoIn(err.message);
  return t(`citizen.errors.${err.code}`, { defaultValue: t('citizen.errors.generic'), time: at && time ? time(at) : '' });
}
