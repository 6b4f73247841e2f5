// Start-up: picks the DeviceBridge (the Electron preload's `window.dawr`, else a browser bridge
// with no devices), makes the one HubClient and the one CentralClient, and renders the app. The only file that reads `window`.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HubClient } from './hub-client.ts';
import { CentralClient } from './central-client.ts';
import { browserBridge } from './browser-bridge.ts';
import type { DeviceBridge } from '../shared/protocol/device-bridge.ts';
import type { StationBridge } from '../shared/protocol/station.ts';
import { setupI18n } from './i18n/i18n.ts';
import { App } from './shell/App.tsx';
import { feedHall } from './store/hall-store.ts';
import './styles/base.css';

const g = window as unknown as { dawr?: StationBridge };

const bridge: DeviceBridge = g.dawr ?? browserBridge();
// In Electron the station says where its hub is (and may hold the device token); in a browser
// the hub serves this page, so its origin is the hub.
const station = g.dawr?.station ?? null;
const hubUrl = station?.hubUrl ?? window.location.origin;
const hub = new HubClient({ baseUrl: hubUrl });
// Central's screens (/league, /central) are served by central itself: its origin is the page's.
const central = new CentralClient({ baseUrl: window.location.origin });
feedHall(hub);
setupI18n(document);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App hub={hub} central={central} bridge={bridge} station={station} />
    </StrictMode>,
  );
}
