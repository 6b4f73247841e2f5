// An optional declared need; "no" is the first and biggest choice.
import { useTranslation } from 'react-i18next';
import type { Priority, Service } from '../../shared/protocol/entities.ts';
import { useSettings } from '../i18n/settings-store.ts';
import { KioskHeader } from './KioskHeader.tsx';
import { Icon } from '../ui/Icon.tsx';
import { AgainHint, assistProps, choice, isArmed, needPhrase, phrase, useAssist } from './assist/assist.tsx';

const needs: { p: Priority; icon: string }[] = [
  { p: 'elderly', icon: 'elderly' },
  { p: 'disability', icon: 'disability' },
  { p: 'pregnancy', icon: 'pregnancy' },
];

export function PriorityStep({ service, onPick, onBack }: { service: Service; onPick: (p: Priority) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const a = useAssist();
  const props = (p: Priority) => assistProps(a, `need:${p}`, choice(lang, phrase(lang, needPhrase(p))), () => onPick(p));
  return (
    <section className="kiosk-step" data-testid="kiosk-priority">
      <KioskHeader title={t('kiosk.priorityQuestion')} onBack={onBack} />
      <p className="kiosk-note">{t('kiosk.chosenService', { service: service.name[lang] })}</p>
      <button type="button" className="kiosk-btn primary wide" data-testid="kiosk-priority-none" {...props('none')}>
        {t('kiosk.priorityNone')}
        <AgainHint show={isArmed(a, 'need:none')} />
      </button>
      <div className="kiosk-grid three">
        {needs.map(({ p, icon }) => (
          <button key={p} type="button" className="kiosk-tile" data-testid={`kiosk-priority-${p}`} {...props(p)}>
            <AgainHint show={isArmed(a, `need:${p}`)} />
            <span className="tile-icon"><Icon name={icon} /></span>
            <span className="tile-name">{t(`priority.${p}`)}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
