// Admin → Hall → Backups (GET/PUT /api/v1/admin/backup, POST …/run): when and where the hall is
// backed up and how many backups are kept, the key the hub encrypts them with (its kind only),
// the last verified backup or the last failure, "back up now", and the backups in the folder.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupSchedule, BackupState } from '../../shared/protocol/backup.ts';
import { useHub } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { errorText } from './use-admin-list.ts';
import { NumberField, TimeField } from '../ui/fields.tsx';

export function BackupAdmin() {
  const { t } = useTranslation();
  const f = useFormat();
  const hub = useHub();
  const [state, setState] = useState<BackupState | null>(null);
  const [form, setForm] = useState<BackupSchedule | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string; file?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => hub.get<BackupState>('/api/v1/admin/backup').then((s) => {
    setState(s);
    setForm((f0) => f0 ?? s.schedule);
  }, (e: unknown) => setMsg({ ok: false, text: errorText(e) })), [hub]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!state || !form) return msg ? <p className="error" role="alert">{msg.text}</p> : null;

  const when = (iso: string) => `${f.date(iso)} ${f.time(iso)}`;
  const mb = (bytes: number) => f.n(bytes / 1_048_576, bytes < 10_485_760 ? 1 : 0);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const s = await hub.request<BackupState>('PUT', '/api/v1/admin/backup', form);
      setState(s);
      setForm(s.schedule);
      setMsg({ ok: true, text: t('admin.saved') });
    } catch (err) {
      setMsg({ ok: false, text: errorText(err) });
    }
  };
  const runNow = async () => {
    setBusy(true);
    setMsg(null);
    try {
      const r = await hub.post<{ path: string; sizeBytes: number; verifiedAt: string }>('/api/v1/admin/backup/run', {});
      setMsg({ ok: true, text: t('backup.made', { size: mb(r.sizeBytes) }), file: r.path });
    } catch (err) {
      setMsg({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
      void load();
    }
  };
  const h = state.health;

  return (
    <form className="card form" onSubmit={save} data-testid="admin-backup" aria-labelledby="backup-title">
      <h2 id="backup-title">{t('backup.title')}</h2>
      <p className="muted small">{t('backup.help')}</p>
      {state.key === 'none' && <p className="error" role="alert" data-testid="backup-no-key">{t('backup.noKey')}</p>}
      {state.key !== 'none' && <p className="small" data-testid="backup-key">{t(`backup.key.${state.key}`)}</p>}
      <div className="form-grid">
        <label className="radio"><input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} data-testid="backup-enabled" />{t('backup.enabled')}</label>
        <label>{t('backup.time')}<TimeField value={form.time} onChange={(v) => setForm({ ...form, time: v })} required data-testid="backup-time" /></label>
        <label>{t('backup.folder')}<input value={form.folder} onChange={(e) => setForm({ ...form, folder: e.target.value })} placeholder="/mnt/usb/dawr-backups" dir="ltr" data-ident="" data-testid="backup-folder" /></label>
        <label>{t('backup.keep')}<NumberField min={1} max={365} value={form.keep} onChange={(v) => setForm({ ...form, keep: v })} required data-testid="backup-keep" /></label>
      </div>
      <dl className="sync-figures" data-testid="backup-health">
        <div><dt>{t('system.lastBackup')}</dt><dd>{h.lastVerifiedAt ? t('system.backupOf', { date: f.date(h.lastVerifiedAt), time: f.time(h.lastVerifiedAt), size: mb(h.lastSizeBytes ?? 0) }) : t('system.noBackup')}</dd></div>
        {h.lastFailedAt && h.problem === 'failed' && <div><dt>{t('backup.lastFailure')}</dt><dd className="error">{when(h.lastFailedAt)} — <span lang="en" dir="ltr">{h.lastError}</span></dd></div>}
      </dl>
      {msg && (
        <p className={msg.ok ? 'notice' : 'error'} role={msg.ok ? 'status' : 'alert'} data-testid="backup-message">
          {msg.text}{msg.file && <> <bdi dir="ltr" className="ltr" data-ident>{msg.file}</bdi></>}
        </p>
      )}
      <div className="row">
        <button type="submit" className="btn-primary" data-testid="backup-save">{t('admin.save')}</button>
        <button type="button" className="btn" disabled={busy || state.key === 'none' || !state.schedule.folder} onClick={() => void runNow()} data-testid="backup-run">
          {busy ? t('backup.running') : t('backup.runNow')}
        </button>
      </div>
      {state.files.length > 0 && (
        <table className="data" data-testid="backup-files">
          <caption>{t('backup.files', { count: state.files.length, n: f.n(state.files.length) })}</caption>
          <thead><tr><th scope="col">{t('backup.file')}</th><th scope="col">{t('backup.when')}</th><th scope="col">{t('backup.size')}</th></tr></thead>
          <tbody>
            {state.files.map((x) => <tr key={x.name}><td className="ltr"><bdi data-ident>{x.name}</bdi></td><td>{when(x.at)}</td><td className="num">{mb(x.sizeBytes)}</td></tr>)}
          </tbody>
        </table>
      )}
    </form>
  );
}
