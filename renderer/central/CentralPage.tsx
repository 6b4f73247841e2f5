// Central's dashboard (issue 12 §5): every centre the signed-in account may see, live and
// refreshed every few seconds; one centre in detail; centres compared over days. A platform
// admin may narrow it to one municipality. What each role sees is decided by central.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../i18n/use-format.ts';
import { useCentralSession } from '../store/central-session-store.ts';
import { useMunicipalities } from '../league/use-league.ts';
import { CentralTopBar } from './CentralTopBar.tsx';
import { CentreCard } from './CentreCard.tsx';
import { CentreDetail } from './CentreDetail.tsx';
import { ComparePanel } from './ComparePanel.tsx';
import { centralErrorText } from './error-text.ts';
import { useCentralDashboard } from './use-central-dashboard.ts';
import '../styles/dashboard.css';
import '../styles/central.css';

export function CentralPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const role = useCentralSession((s) => s.session?.user.role);
  const [municipality, setMunicipality] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const { data, error } = useCentralDashboard(municipality);
  const all = useMunicipalities();
  const names = new Map((data?.municipalities ?? all).map((m) => [m.id, f.name(m.name)]));
  const centre = data?.centres.find((c) => c.id === selected) ?? null;

  return (
    <div data-testid="central">
      <CentralTopBar title={t('central.title')}>
        <Link to="/league" className="btn-quiet">{t('central.toLeague')}</Link>
      </CentralTopBar>
      <main className="page dashboard central">
        <div className="row central-tools">
          {role === 'platform_admin' && (
            <label className="row">{t('central.municipality')}
              <select className="field" value={municipality} data-testid="central-municipality" onChange={(e) => { setSelected(null); setMunicipality(e.target.value); }}>
                <option value="">{t('central.allMunicipalities')}</option>
                {all.map((m) => <option key={m.id} value={m.id}>{f.name(m.name)}</option>)}
              </select>
            </label>
          )}
          <p className="muted small grow" role="status" data-testid="central-updated">
            {data ? t('central.updatedAt', { time: f.time(data.at, true) }) : ''} · {t('central.refreshing')}
          </p>
        </div>
        {error !== null && <p className="error" role="alert" data-testid="central-error">{centralErrorText(t, error)}</p>}
        <section aria-labelledby="centres-title">
          <h2 id="centres-title">{t('central.centresNow')}</h2>
          {data && data.centres.length === 0 && <p className="muted">{t('central.noCentres')}</p>}
          <ul className="centre-grid" data-testid="centre-grid">
            {(data?.centres ?? []).map((c) => (
              <li key={c.id}>
                <CentreCard centre={c} municipality={names.get(c.municipalityId) ?? null} selected={c.id === selected} onOpen={() => setSelected(c.id === selected ? null : c.id)} />
              </li>
            ))}
          </ul>
        </section>
        {centre && <CentreDetail key={centre.id} centre={centre} onClose={() => setSelected(null)} />}
        <ComparePanel municipality={municipality} />
      </main>
    </div>
  );
}
