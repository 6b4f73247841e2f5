// What the hall's staff accounts (admin/StaffAdmin.tsx) and central's accounts
// (central/AccountsPage.tsx) share: an account's row of actions, the questions before the
// destructive ones and the sentence each leaves, and the dialog that sets someone's new password.
// Each screen supplies the calls to its own server and the words for its refusals.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format.ts';
import { useConfirm } from './ConfirmDialog.tsx';
import { FormDialog } from './FormDialog.tsx';

export type AccountCalls<U> = {
  /** The account in words: its display name in the screen's digits, else its username. */
  name: (u: U) => string;
  setActive: (u: U, active: boolean) => Promise<unknown>;
  /** Ends every session of the account; how many there were. */
  endSessions: (u: U) => Promise<number>;
  /** Clears its failed sign-ins from every address; how many there were. */
  unlock: (u: U) => Promise<number>;
  /** A refusal in the screen's language. */
  errorText: (err: unknown) => string;
  /** After a change to the list (enabled or disabled): reload it. */
  changed: () => void;
};

/**
 * The account actions with their question and their outcome as one status sentence. Render
 * `confirmDialog` once; `run` does any other action and shows what it answers (or its refusal).
 */
export function useAccountActions<U>(calls: AccountCalls<U>) {
  const { t } = useTranslation();
  const f = useFormat();
  const [status, setStatus] = useState<string | null>(null);
  const [confirmDialog, ask] = useConfirm();
  const run = async (action: () => Promise<string>): Promise<boolean> => {
    try {
      setStatus(await action());
      return true;
    } catch (err) {
      setStatus(calls.errorText(err));
      return false;
    }
  };
  const setActive = async (u: U, active: boolean) => {
    const name = calls.name(u);
    if (!active && !(await ask({ text: t('staffAdmin.confirmDisable', { name }), confirm: t('staffAdmin.disable') }))) return;
    await run(async () => {
      await calls.setActive(u, active);
      calls.changed();
      return t(active ? 'staffAdmin.enabled' : 'staffAdmin.disabled', { name });
    });
  };
  const endSessions = async (u: U) => {
    const name = calls.name(u);
    if (!(await ask({ text: t('staffAdmin.confirmEnd', { name }), confirm: t('staffAdmin.endSessions') }))) return;
    await run(async () => {
      const ended = await calls.endSessions(u);
      return t('staffAdmin.ended', { name, count: ended, n: f.n(ended) });
    });
  };
  // After failed sign-ins an address waits longer and longer before it may try again (not the
  // account): the administrator lets the person try again at once from everywhere.
  const unlock = (u: U) => run(async () => t((await calls.unlock(u)) ? 'staffAdmin.unlocked' : 'staffAdmin.notHeld', { name: calls.name(u) }));
  return { confirmDialog, status, setStatus, run, setActive, endSessions, unlock };
}

/**
 * An account's buttons: edit, a new password, let sign in again and sign out everywhere (while it
 * is enabled), disable or enable (never one's own). Each says whose it is to a screen reader; test
 * ids `${testId}-<action>-${username}`.
 */
export function AccountActions({ name, username, active, self, testId, onEdit, onPassword, onUnlock, onEndSessions, onSetActive }: {
  name: string;
  username: string;
  active: boolean;
  /** The signed-in account: it cannot disable itself. */
  self: boolean;
  testId: string;
  onEdit: () => void;
  /** Absent: no new-password button (central: one's own password is changed with the current one). */
  onPassword?: (() => void) | undefined;
  onUnlock: () => void;
  onEndSessions: () => void;
  onSetActive: (active: boolean) => void;
}): ReactNode {
  const { t } = useTranslation();
  const button = (action: string, words: string, onClick: () => void, className = 'btn') => (
    <button type="button" className={className} onClick={onClick} aria-label={`${words} ${name}`} data-testid={`${testId}-${action}-${username}`}>{words}</button>
  );
  return (
    <>
      {button('edit', t('admin.edit'), onEdit)}
      {onPassword && button('reset', t('staffAdmin.resetPassword'), onPassword)}
      {active && button('unlock', t('staffAdmin.unlock'), onUnlock)}
      {active && button('end', t('staffAdmin.endSessions'), onEndSessions)}
      {!self && (active ? button('disable', t('staffAdmin.disable'), () => onSetActive(false), 'btn-danger') : button('enable', t('staffAdmin.enable'), () => onSetActive(true)))}
    </>
  );
}

/** A new password for someone who forgot theirs: it ends their sessions; tell them in person. Test ids: reset-dialog, reset-password, reset-submit. */
export function PasswordDialog({ open, name, save, errorText, onClose, onDone }: {
  open: boolean;
  /** Whose password (shown in the title). */
  name: string;
  save: (password: string) => Promise<void>;
  errorText: (err: unknown) => string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await save(password);
      onDone();
    } catch (error) {
      setErr(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormDialog
      open={open} id="reset" title={open ? t('staffAdmin.resetTitle', { name }) : ''} submitLabel={t('staffAdmin.resetPassword')} submitDisabled={busy}
      onOpen={() => { setPassword(''); setErr(null); }} onClose={onClose} onSubmit={() => void submit()}
    >
      <p className="muted">{t('staffAdmin.resetHint')}</p>
      <label>{t('staffAdmin.newPassword')}
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={8} maxLength={256} autoComplete="new-password" dir="ltr" data-testid="reset-password" />
      </label>
      {err && <p className="error" role="alert">{err}</p>}
    </FormDialog>
  );
}
