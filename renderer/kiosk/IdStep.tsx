// Optional: scan an ID card through the station's reader. Only the pseudonym leaves the station.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../shell/app-context.tsx';
import type { IdOk } from './kiosk-flow.ts';
import { KioskHeader } from './KioskHeader.tsx';
import { Icon } from '../ui/Icon.tsx';
import { useSettings } from '../i18n/settings-store.ts';
import { AgainHint, assistProps, choice, isArmed, phrase, useAssist } from './assist/assist.tsx';

export function IdStep({ onDone, onBack }: { onDone: (id: IdOk | null) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [problem, setProblem] = useState<string | null>(null);
  const [read, setRead] = useState<IdOk | null>(null);
  const lang = useSettings((s) => s.lang);
  const a = useAssist();

  useEffect(() => {
    if (!bridge.available) {
      onDone(null);
      return;
    }
    return bridge.onIdCard((r) => {
      if (r.ok) {
        setRead(r);
        setProblem(null);
      } else setProblem(t(`kiosk.idProblem.${r.reason}`));
    });
  }, [bridge, onDone, t]);

  useEffect(() => {
    if (!read) return;
    const timer = setTimeout(() => onDone(read), 1200);
    return () => clearTimeout(timer);
  }, [read, onDone]);

  return (
    <section className="kiosk-step" data-testid="kiosk-id">
      <KioskHeader title={t('kiosk.idTitle')} onBack={onBack} />
      <div className="kiosk-center">
        <span className="tile-icon"><Icon name="idcard" size={140} /></span>
        {read ? (
          <p className="kiosk-note ok" role="status">{t('kiosk.idRead', { name: read.name, masked: read.maskedNumber })}</p>
        ) : (
          <p className="kiosk-note">{t('kiosk.idHelp')}</p>
        )}
        {problem && <p className="kiosk-note bad" role="alert">{problem}</p>}
        <button type="button" className="kiosk-btn wide" data-testid="kiosk-id-skip" {...assistProps(a, 'skip', choice(lang, phrase(lang, 'guide-skip')), () => onDone(null))}>
          {t('kiosk.idSkip')}
          <AgainHint show={isArmed(a, 'skip')} />
        </button>
      </div>
    </section>
  );
}
