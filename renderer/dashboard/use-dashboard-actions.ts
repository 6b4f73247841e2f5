// The supervisor's actions from the dashboard (POST /api/v1/dashboard/...): open a counter for a
// clerk or end a break, close a counter, move or cancel a waiting ticket. Each says what it did, or
// why not, in the screen's language (the refusal worded from its error code).
import { useCallback, useState } from 'react';
import { useHub } from '../shell/app-context.tsx';
import { hubErrorText } from '../i18n/error-text.ts';

export type DashboardMessage = { kind: 'info' | 'error'; text: string };

export function useDashboardActions() {
  const hub = useHub();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<DashboardMessage | null>(null);
  const run = useCallback(
    async (path: string, body: object, done: string): Promise<boolean> => {
      setBusy(true);
      setMessage(null);
      try {
        await hub.post(path, body);
        setMessage({ kind: 'info', text: done });
        return true;
      } catch (err) {
        setMessage({ kind: 'error', text: hubErrorText(err) });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [hub],
  );
  return {
    busy,
    message,
    openCounter: (counterId: string, clerkId: string | undefined, done: string) => run(`/api/v1/dashboard/counters/${counterId}/open`, clerkId ? { clerkId } : {}, done),
    closeCounter: (counterId: string, done: string) => run(`/api/v1/dashboard/counters/${counterId}/close`, {}, done),
    moveTicket: (ticketId: string, serviceId: string, done: string) => run(`/api/v1/dashboard/tickets/${ticketId}/move`, { serviceId }, done),
    cancelTicket: (ticketId: string, done: string) => run(`/api/v1/dashboard/tickets/${ticketId}/cancel`, {}, done),
  };
}

export type DashboardActions = ReturnType<typeof useDashboardActions>;
