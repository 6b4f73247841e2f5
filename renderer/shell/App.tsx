// One renderer, a route per role.
import { BrowserRouter, Route, Routes } from 'react-router';
import { AppContext } from './app-context.tsx';
import type { HubClient } from '../hub-client.ts';
import type { CentralClient } from '../central-client.ts';
import type { DeviceBridge } from '../../shared/protocol/device-bridge.ts';
import type { StationInfo } from '../../shared/protocol/station.ts';
import { Landing } from './Landing.tsx';
import { StaffGate } from './StaffGate.tsx';
import { DeviceGate } from './DeviceGate.tsx';
import { KioskPage } from '../kiosk/KioskPage.tsx';
import { CounterPage } from '../counter/CounterPage.tsx';
import { DisplayPage } from '../display/DisplayPage.tsx';
import { DashboardPage } from '../dashboard/DashboardPage.tsx';
import { TrackPage } from '../track/TrackPage.tsx';
import { RatePage } from '../track/RatePage.tsx';
import { BookPage } from '../book/BookPage.tsx';
import { AppointmentsPage } from '../appointments/AppointmentsPage.tsx';
import { AdminPage } from '../admin/AdminPage.tsx';
import { ReportsPage } from '../reports/ReportsPage.tsx';
import { PlanPage } from '../plan/PlanPage.tsx';
import { LeaguePage } from '../league/LeaguePage.tsx';
import { CentralPage } from '../central/CentralPage.tsx';
import { CentralGate } from '../central/CentralGate.tsx';
import { AccountsPage } from '../central/AccountsPage.tsx';
import { NotFound } from './NotFound.tsx';
import { FeedbackPage } from '../feedback/FeedbackPage.tsx';
import { FeedbackStatusPage } from '../feedback/FeedbackStatusPage.tsx';
import { FeedbackInbox } from '../feedback/FeedbackInbox.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { useEffect } from 'react';
import { useFormat } from '../i18n/use-format.ts';

/** The digits this screen shows numbers in, on <html data-digits> (the language is its lang). */
function DigitsMark() {
  const { digits } = useFormat();
  useEffect(() => {
    document.documentElement.dataset.digits = digits;
  }, [digits]);
  return null;
}

export function App({ hub, central, bridge, station }: { hub: HubClient; central: CentralClient; bridge: DeviceBridge; station: StationInfo | null }) {
  return (
    <AppContext.Provider value={{ hub, central, bridge, station }}>
      <ErrorBoundary>
      <DigitsMark />
      <BrowserRouter>
        <Routes>
          <Route path="/" element={<Landing />} />
          <Route path="/kiosk" element={<DeviceGate role="kiosk"><KioskPage /></DeviceGate>} />
          <Route path="/display" element={<DeviceGate role="display"><DisplayPage /></DeviceGate>} />
          <Route path="/counter" element={<StaffGate screen="counter" roles={['clerk', 'supervisor', 'manager', 'admin']}><CounterPage /></StaffGate>} />
          <Route path="/dashboard" element={<StaffGate screen="dashboard" roles={['supervisor', 'manager', 'admin']}><DashboardPage /></StaffGate>} />
          <Route path="/reports" element={<StaffGate screen="reports" roles={['supervisor', 'manager', 'admin']}><ReportsPage /></StaffGate>} />
          <Route path="/plan" element={<StaffGate screen="plan" roles={['supervisor', 'manager', 'admin']}><PlanPage /></StaffGate>} />
          <Route path="/admin" element={<StaffGate screen="admin" roles={['admin']}><AdminPage /></StaffGate>} />
          <Route path="/track/:code" element={<TrackPage />} />
          <Route path="/rate/:code" element={<RatePage />} />
          <Route path="/track" element={<TrackPage />} />
          <Route path="/book" element={<BookPage />} />
          <Route path="/book/:code" element={<BookPage />} />
          <Route path="/appointments" element={<StaffGate screen="appointments" roles={['clerk', 'supervisor', 'manager', 'admin']}><AppointmentsPage /></StaffGate>} />
          <Route path="/feedback" element={<FeedbackPage />} />
          <Route path="/feedback/:reference" element={<FeedbackStatusPage />} />
          <Route path="/feedback-inbox" element={<StaffGate screen="feedbackInbox" roles={['supervisor', 'manager', 'admin']}><FeedbackInbox /></StaffGate>} />
          {/* Served by central (brief §10): the public league table, the municipality's dashboard and its accounts. */}
          <Route path="/league" element={<LeaguePage />} />
          <Route path="/central" element={<CentralGate><CentralPage /></CentralGate>} />
          <Route path="/central/accounts" element={<CentralGate><AccountsPage /></CentralGate>} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </BrowserRouter>
      </ErrorBoundary>
    </AppContext.Provider>
  );
}
