// The counter's commands, sent to the hub; a refusal is shown, never swallowed.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHub } from '../shell/app-context.tsx';
import { HubError } from '../hub-client.ts';
import { hubErrorText } from '../i18n/error-text.ts';
import type { Ticket } from '../../shared/protocol/entities.ts';
import type { TransferTarget } from './TransferDialog.tsx';

const WORDED = new Set(['hall_closed', 'counter_closed', 'clerk_absent', 'reserved']);

export function useCounterActions(counterId: string) {
  const { t } = useTranslation();
  const hub = useHub();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);

  const run = useCallback(
    async (fn: () => Promise<unknown>): Promise<unknown> => {
      setBusy(true);
      setMessage(null);
      try {
        return await fn();
      } catch (err) {
        // A 409 that says what to do (a closed counter, an absent clerk) is worded as such; any
        // other means the screen was behind the hall: it shows the latest state now.
        const text = err instanceof HubError && err.status === 409 && !WORDED.has(err.code) ? t('counter.refused') : hubErrorText(err);
        setMessage({ kind: 'error', text });
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [t],
  );

  const c = `/api/v1/counters/${counterId}`;
  const tk = (id: string, verb: string) => `/api/v1/tickets/${id}/${verb}`;
  return {
    busy,
    message,
    setMessage,
    callNext: () =>
      run(async () => {
        const r = await hub.post<Ticket | undefined>(`${c}/call-next`);
        if (!r) setMessage({ kind: 'info', text: t('counter.nobodyWaiting') });
        return r;
      }),
    recall: (id: string) => run(() => hub.post(tk(id, 'recall'))),
    start: (id: string) => run(() => hub.post(tk(id, 'start'))),
    complete: (id: string, outcome: string, note: string) => run(() => hub.post(tk(id, 'complete'), { ...(outcome ? { outcome } : {}), ...(note.trim() ? { note: note.trim() } : {}) })),
    noShow: (id: string) => run(() => hub.post(tk(id, 'no-show'))),
    transfer: (id: string, target: TransferTarget, note: string) => run(() => hub.post<Ticket>(tk(id, 'transfer'), { ...target, ...(note.trim() ? { note: note.trim() } : {}) })),
    cancel: (id: string) => run(() => hub.post<Ticket>(tk(id, 'cancel'))),
    park: (id: string) => run(() => hub.post(tk(id, 'park'))),
    callParked: (id: string) => run(() => hub.post(tk(id, 'call'), { counterId })),
    takeBreak: () => run(() => hub.post(`${c}/break`)),
    resume: () => run(() => hub.post(`${c}/open`)),
    close: () => run(() => hub.post(`${c}/close`)),
  };
}
