// With help on: a bar above every step — what the guide is saying, "say it again", and help off
// (touched twice, like every choice with help on).
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../shared/protocol/entities.ts';
import { Icon } from '../../ui/Icon.tsx';
import { AgainHint, assistProps, isArmed, phrase, useAssist, choice } from './assist.tsx';
import type { Caption } from './use-kiosk-assist.ts';

export function AssistBar({ caption, lang, onRepeat, onOff }: { caption: Caption | null; lang: Lang; onRepeat: () => void; onOff: () => void }) {
  const { t } = useTranslation();
  const a = useAssist();
  return (
    <div className="assist-bar" data-testid="assist-bar">
      <p className="assist-caption" data-testid="assist-caption" data-said-by={caption?.by.join(' ') ?? ''} aria-live="polite">
        <Icon name="sound" size={36} />
        <span>
          {caption
            ? caption.parts.map((p, i) => <span key={i} className="assist-caption-part" lang={p.lang} dir={p.lang === 'ar' ? 'rtl' : 'ltr'}>{p.text}</span>)
            : t('kioskAssist.on')}
        </span>
      </p>
      <div className="assist-actions">
        <button type="button" className="kiosk-btn" onClick={onRepeat} data-testid="assist-repeat">{t('kioskAssist.repeat')}</button>
        <button type="button" className="kiosk-btn" {...assistProps(a, 'assist-off', choice(lang, phrase(lang, 'guide-off')), onOff)} data-testid="assist-off">
          {t('kioskAssist.off')}
          <AgainHint show={isArmed(a, 'assist-off')} />
        </button>
      </div>
    </div>
  );
}
