// Transfer the ticket in hand: to another service, to one counter, or to one clerk (called at
// whichever counter they are signed in at), with a note for the next clerk. It keeps its place by
// its original issue time. The hub says where it went; the desk shows "A-012 → Counter 3".
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Counter, Service } from '../../shared/protocol/entities.ts';
import type { ClerkEntry } from '../../shared/protocol/http.ts';
import { useHub } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { isolate } from '../../shared/i18n/format.ts';
import { counterLabel } from './counter-label.ts';

export type TransferKind = 'service' | 'counter' | 'clerk';
export type TransferTarget = { serviceId: string } | { counterId: string } | { clerkId: string };

export function TransferDialog({ open, services, counters, counterId, currentServiceId, me, onClose, onSubmit }: {
  open: boolean;
  services: Service[];
  counters: Counter[];
  /** This counter (not offered as a target). */
  counterId: string;
  currentServiceId?: string;
  /** The signed-in clerk (not offered as a target). */
  me?: string;
  onClose: () => void;
  /** `to`: where it went, in words, for the confirmation. */
  onSubmit: (target: TransferTarget, note: string, to: string) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const hub = useHub();
  const ref = useRef<HTMLDialogElement>(null);
  const [kind, setKind] = useState<TransferKind>('service');
  const [serviceId, setServiceId] = useState('');
  const [toCounter, setToCounter] = useState('');
  const [toClerk, setToClerk] = useState('');
  const [note, setNote] = useState('');
  const [clerks, setClerks] = useState<ClerkEntry[]>([]);
  const serviceChoices = services.filter((s) => s.active && s.id !== currentServiceId);
  const counterChoices = [...counters].filter((c) => c.id !== counterId && c.state !== 'closed').sort((a, b) => a.number - b.number);
  const clerkChoices = clerks.filter((c) => c.counterId !== undefined && c.id !== me && c.counterId !== counterId);
  const counterName = (id: string | undefined) => {
    const c = counters.find((x) => x.id === id);
    return c ? counterLabel(t, f, c) : '';
  };

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setKind('service');
      setServiceId(serviceChoices[0]?.id ?? '');
      setToCounter(counterChoices[0]?.id ?? '');
      setToClerk('');
      setNote('');
      d.showModal();
      // Who is at a counter now, by name (the hall's snapshot knows ids only).
      hub.get<ClerkEntry[]>('/api/v1/staff/clerks').then(setClerks, () => setClerks([]));
    } else if (!open && d.open) d.close();
  }, [open]);
  useEffect(() => {
    if (!clerkChoices.some((c) => c.id === toClerk)) setToClerk(clerkChoices[0]?.id ?? '');
  }, [clerks]);

  const target: { target: TransferTarget; to: string } | undefined =
    kind === 'service' ? (serviceId ? { target: { serviceId }, to: f.name(services.find((s) => s.id === serviceId)!.name) } : undefined)
      : kind === 'counter' ? (toCounter ? { target: { counterId: toCounter }, to: counterName(toCounter) } : undefined)
        : toClerk ? (() => {
          const c = clerks.find((x) => x.id === toClerk)!;
          return { target: { clerkId: toClerk }, to: t('staffScreens.counter.transfer.clerkAt', { clerk: isolate(c.name), counter: counterName(c.counterId) }) };
        })() : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (target) onSubmit(target.target, note, target.to);
  };
  const kinds: TransferKind[] = ['service', 'counter', 'clerk'];
  return (
    <dialog
      ref={ref} className="dialog" aria-labelledby="transfer-title" data-testid="transfer-dialog"
      onClose={() => {
        if (!ref.current?.open) onClose();
      }}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit} className="form">
        <h2 id="transfer-title">{t('staffScreens.counter.transfer.title')}</h2>
        <fieldset className="segmented">
          <legend>{t('staffScreens.counter.transfer.to')}</legend>
          {kinds.map((k) => (
            <label key={k} className="radio">
              <input type="radio" name="transfer-kind" value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`transfer-kind-${k}`} />
              {t(`staffScreens.counter.transfer.kind.${k}`)}
            </label>
          ))}
        </fieldset>
        {kind === 'service' && (
          <label>
            {t('staffScreens.counter.transfer.service')}
            <select className="field" value={serviceId} onChange={(e) => setServiceId(e.target.value)} data-testid="transfer-service">
              {serviceChoices.map((s) => (
                <option key={s.id} value={s.id}>{s.prefix} · {f.name(s.name)}</option>
              ))}
            </select>
          </label>
        )}
        {kind === 'counter' && (counterChoices.length === 0 ? <p className="muted" role="status">{t('staffScreens.counter.transfer.noCounters')}</p> : (
          <label>
            {t('staffScreens.counter.transfer.counter')}
            <select className="field" value={toCounter} onChange={(e) => setToCounter(e.target.value)} data-testid="transfer-counter">
              {counterChoices.map((c) => (
                <option key={c.id} value={c.id}>
                  {counterLabel(t, f, c)}{c.state === 'break' ? ` (${t('staffScreens.counter.transfer.onBreak')})` : ''}
                </option>
              ))}
            </select>
          </label>
        ))}
        {kind === 'clerk' && (clerkChoices.length === 0 ? <p className="muted" role="status">{t('staffScreens.counter.transfer.noClerks')}</p> : (
          <label>
            {t('staffScreens.counter.transfer.clerk')}
            <select className="field" value={toClerk} onChange={(e) => setToClerk(e.target.value)} data-testid="transfer-clerk">
              {clerkChoices.map((c) => (
                <option key={c.id} value={c.id}>{t('staffScreens.counter.transfer.clerkAt', { clerk: isolate(c.name), counter: counterName(c.counterId) })}</option>
              ))}
            </select>
          </label>
        ))}
        <label>
          {t('staffScreens.counter.transfer.note')}
          <textarea className="field" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="transfer-note" dir="auto" aria-describedby="transfer-note-help" />
          <span id="transfer-note-help" className="muted small">{t('staffScreens.counter.transfer.noteHelp')}</span>
        </label>
        <div className="row">
          <button type="submit" className="btn-primary" data-testid="transfer-submit" disabled={!target}>{t('staffScreens.counter.transfer.submit')}</button>
          <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </dialog>
  );
}
