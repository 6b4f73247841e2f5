// The first-run form. It only collects and sends; main validates, pairs and saves
// (electron/main/first-run.ts). window.dawrStation comes from preload/station-pages.ts.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const bridge = window.dawrStation;
  const form = $('setup');
  const error = $('error');
  const pairing = { kiosk: 'required', display: 'required', counter: 'optional', dashboard: 'none', 'all-in-one': 'none' };

  function refresh() {
    const role = $('role').value;
    $('hub-fields').classList.toggle('hidden', role === 'all-in-one');
    $('pairingCode').disabled = pairing[role] === 'none';
    $('pairing-hint').textContent = pairing[role] === 'required' ? 'مطلوب · required' : pairing[role] === 'optional' ? 'اختياري · optional' : 'غير مطلوب · not needed';
    $('monitor-field').classList.toggle('hidden', role !== 'kiosk' && role !== 'display');
  }

  async function fillMonitors() {
    if (!bridge) return;
    const displays = await bridge.displays();
    if (!displays.length) return;
    $('monitor').replaceChildren(...displays.map((d) => {
      const option = document.createElement('option');
      option.value = String(d.index);
      option.textContent = `${d.index + 1} — ${d.label}`;
      return option;
    }));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (!bridge) {
      error.textContent = 'This page only works inside the Dawr station app.';
      return;
    }
    if ($('pin').value !== $('pin2').value) {
      error.textContent = 'الرمزان غير متطابقين · The PINs do not match';
      return;
    }
    const role = $('role').value;
    const request = {
      role,
      name: $('name').value.trim(),
      maintenancePin: $('pin').value,
      monitor: Number($('monitor').value) || 0,
    };
    if (role !== 'all-in-one' && $('hubUrl').value.trim()) request.hubUrl = $('hubUrl').value.trim().replace(/\/+$/, '');
    if (pairing[role] !== 'none' && $('pairingCode').value.trim()) request.pairingCode = $('pairingCode').value.trim();
    $('submit').disabled = true;
    const result = await bridge.submitFirstRun(request);
    $('submit').disabled = false;
    if (!result.ok) error.textContent = result.message;
  });

  $('role').addEventListener('change', refresh);
  refresh();
  void fillMonitors();
})();
