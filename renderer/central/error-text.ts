// Central's refusals worded in the screen's language from their code: the server's own message
// is English and meant for developers, so it never reaches an Arabic (or English) screen.
import type { TFunction } from 'i18next';
import i18next from 'i18next';
import { CentralError } from '../central-client.ts';

const KNOWN = ['unauthorized', 'forbidden', 'not_found', 'invalid_input', 'conflict', 'rate_limited', 'network', 'internal', 'unavailable', 'bad_response'];

export function centralErrorCode(err: unknown): string {
  return err instanceof CentralError ? err.code : 'unknown';
}

export function centralErrorText(t: TFunction, err: unknown): string {
  const code = centralErrorCode(err);
  return KNOWN.includes(code) ? t(`central.errors.${code}`) : t('central.errors.unknown', { code });
}

/** What was being done when central refused: each has its own words for some codes (a 409 on adding an account is a username taken). */
export type AccountAction = 'add' | 'edit' | 'password' | 'ownPassword' | 'list' | 'audit';

/** A refusal of an account action: `centralAccounts.errors.<action>.<code>` when the screen has words for it, else central's. */
export function accountErrorText(t: TFunction, action: AccountAction, err: unknown): string {
  const key = `centralAccounts.errors.${action}.${centralErrorCode(err)}`;
  return i18next.exists(key) ? t(key) : centralErrorText(t, err);
}
