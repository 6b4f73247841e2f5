// The counter's commands, sent to the hub; a refusal is shown, never swallowed.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHub } from '../shell/app-context.tsx';
import { HubError } from '../hub-client.ts';
import { hubErrorText } from '../i18n/error-text.ts';
import type { Ticket } from '../../shared/protocol/entities.ts';

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
        const text = err instanceof HubError && err.status === 409 && err.code !== 'hall_closed' ? t('counter.refused') : hubErrorText(err);
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
    transfer: (id: string, serviceId: string) => run(() => hub.post(tk(id, 'transfer'), { serviceId })),
    park: (id: string) => run(() => hub.post(tk(id, 'park'))),
    callParked: (id: string) => run(() => hub.post(tk(id, 'call'), { counterId })),
    takeBreak: () => run(() => hub.post(`${c}/break`)),
    resume: () => run(() => hub.post(`${c}/open`)),
    close: () => run(() => hub.post(`${c}/close`)),
  };
}
