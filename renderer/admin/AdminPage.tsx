// Admin: the hall's settings, services, counters, staff, devices, voice, the link to central and
// the audit log — one tab each.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TopBar } from '../shell/TopBar.tsx';
import { ServicesAdmin } from './ServicesAdmin.tsx';
import { CountersAdmin } from './CountersAdmin.tsx';
import { StaffAdmin } from './StaffAdmin.tsx';
import { DevicesAdmin } from './DevicesAdmin.tsx';
import { CentralAdmin } from './CentralAdmin.tsx';
import { VoiceAdmin } from './VoiceAdmin.tsx';
import { SettingsAdmin } from './SettingsAdmin.tsx';
import { BackupAdmin } from './BackupAdmin.tsx';
import { AuditAdmin } from './AuditAdmin.tsx';
import '../styles/admin.css';

const tabs = ['hall', 'services', 'counters', 'staff', 'devices', 'voice', 'central', 'audit'] as const;
type Tab = (typeof tabs)[number];

export function AdminPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('services');
  return (
    <div data-testid="admin">
      <TopBar title={t('screens.admin.title')} />
      <main className="page">
        <div role="tablist" className="tabs" aria-label={t('screens.admin.title')}>
          {tabs.map((x) => (
            <button key={x} type="button" role="tab" id={`tab-${x}`} aria-selected={tab === x} aria-controls={`panel-${x}`} className={`tab ${tab === x ? 'on' : ''}`} onClick={() => setTab(x)} data-testid={`admin-tab-${x}`}>
              {t(`admin.tabs.${x}`)}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
          {tab === 'hall' && <><SettingsAdmin /><BackupAdmin /></>}
          {tab === 'services' && <ServicesAdmin />}
          {tab === 'counters' && <CountersAdmin />}
          {tab === 'staff' && <StaffAdmin />}
          {tab === 'devices' && <DevicesAdmin />}
          {tab === 'voice' && <VoiceAdmin />}
          {tab === 'central' && <CentralAdmin />}
          {tab === 'audit' && <AuditAdmin />}
        </div>
      </main>
    </div>
  );
}
