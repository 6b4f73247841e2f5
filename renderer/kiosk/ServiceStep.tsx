// Categories, then the services of one category: icons and both names on every button.
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Service } from '../../shared/protocol/entities.ts';
import { useSettings } from '../i18n/settings-store.ts';
import { categoryIcon } from './category-icons.ts';
import { KioskHeader } from './KioskHeader.tsx';
import { Icon } from '../ui/Icon.tsx';
import { TileFigures } from './TileFigures.tsx';
import { AgainHint, assistProps, choice, isArmed, name, useAssist } from './assist/assist.tsx';

/**
 * A category's name in a given language. A category the screens have no name for (one an admin
 * made up) is named by its services, so a raw slug never reaches a citizen.
 */
export function categoryName(category: string, lang: 'ar' | 'en', services: Service[]): string {
  const t = i18next.getFixedT(lang);
  if (i18next.exists(`categories.${category}`)) return t(`categories.${category}`);
  return services.filter((s) => s.category === category).map((s) => s.name[lang]).join(lang === 'ar' ? '، ' : ', ');
}

export function CategoryStep({ services, ready, onPick, onBack }: { services: Service[]; ready: boolean; onPick: (category: string, single?: string) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const other = lang === 'ar' ? 'en' : 'ar';
  const categories = [...new Set(services.map((s) => s.category))];
  const a = useAssist();
  return (
    <section className="kiosk-step" data-testid="kiosk-categories">
      <KioskHeader title={t('kiosk.chooseCategory')} onBack={onBack} />
      {!ready && <p className="kiosk-note">{t('shell.connecting')}</p>}
      {ready && categories.length === 0 && <p className="kiosk-note">{t('kiosk.noServices')}</p>}
      <div className="kiosk-grid">
        {categories.map((c) => {
          const inCat = services.filter((s) => s.category === c);
          return (
            <button key={c} type="button" className="kiosk-tile" data-testid={`kiosk-category-${c}`} {...assistProps(a, `category:${c}`, choice(lang, name(lang, categoryName(c, lang, services))), () => onPick(c, inCat.length === 1 ? inCat[0]?.id : undefined))}>
              <AgainHint show={isArmed(a, `category:${c}`)} />
              <span className="tile-icon"><Icon name={categoryIcon(c)} /></span>
              <span className="tile-name">{categoryName(c, lang, services)}</span>
              <span className="tile-sub" lang={other}>{categoryName(c, other, services)}</span>
              <TileFigures serviceIds={inCat.map((s) => s.id)} testId={`kiosk-figures-${c}`} />
            </button>
          );
        })}
      </div>
    </section>
  );
}

export function ServiceStep({ services, category, onPick, onBack }: { services: Service[]; category: string; onPick: (id: string) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const lang = useSettings((s) => s.lang);
  const other = lang === 'ar' ? 'en' : 'ar';
  const a = useAssist();
  return (
    <section className="kiosk-step" data-testid="kiosk-services">
      <KioskHeader title={t('kiosk.chooseService', { category: categoryName(category, lang, services) })} onBack={onBack} />
      <div className="kiosk-grid">
        {services.map((s) => (
          <button key={s.id} type="button" className="kiosk-tile" data-testid={`kiosk-service-${s.id}`} {...assistProps(a, `service:${s.id}`, choice(lang, name(lang, s.name[lang])), () => onPick(s.id))}>
            <AgainHint show={isArmed(a, `service:${s.id}`)} />
            <span className="tile-icon"><Icon name={categoryIcon(s.category)} /></span>
            <span className="tile-name">{s.name[lang]}</span>
            <span className="tile-sub" lang={other}>{s.name[other]}</span>
            <TileFigures serviceIds={[s.id]} testId={`kiosk-figures-${s.id}`} />
          </button>
        ))}
      </div>
    </section>
  );
}
