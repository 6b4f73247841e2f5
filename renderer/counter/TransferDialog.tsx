// Transfer the ticket in hand to another service; it keeps its place by original issue time.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service } from '../../shared/protocol/entities.ts';
import { useFormat } from '../i18n/use-format.ts';

export function TransferDialog({ open, services, currentServiceId, onClose, onSubmit }: { open: boolean; services: Service[]; currentServiceId?: string; onClose: () => void; onSubmit: (serviceId: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const ref = useRef<HTMLDialogElement>(null);
  const choices = services.filter((s) => s.active && s.id !== currentServiceId);
  const [serviceId, setServiceId] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setServiceId(choices[0]?.id ?? '');
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (serviceId) onSubmit(serviceId);
  };
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} aria-labelledby="transfer-title" data-testid="transfer-dialog">
      <form onSubmit={submit} className="form">
        <h2 id="transfer-title">{t('counter.transferTitle')}</h2>
        <label>
          {t('counter.toService')}
          <select className="field" value={serviceId} onChange={(e) => setServiceId(e.target.value)} data-testid="transfer-service">
            {choices.map((s) => (
              <option key={s.id} value={s.id}>{s.prefix} · {f.name(s.name)}</option>
            ))}
          </select>
        </label>
        <div className="row">
          <button type="submit" className="btn-primary" data-testid="transfer-submit" disabled={!serviceId}>{t('counter.transfer')}</button>
          <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </dialog>
  );
}
