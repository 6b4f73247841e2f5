// The maintenance PIN prompt. Main checks the PIN (electron/main/maintenance.ts); this page
// never learns the hash. A prompt left open closes itself after a minute.
'use strict';
(function () {
  const bridge = window.dawrStation;
  const pin = document.getElementById('pin');
  const error = document.getElementById('error');
  const cancel = () => bridge && bridge.cancelMaintenance();
  setTimeout(cancel, 60000);
  document.getElementById('cancel').addEventListener('click', cancel);
  document.getElementById('pin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!bridge) return;
    const result = await bridge.exitMaintenance({ pin: pin.value });
    pin.value = '';
    if (!result.ok) error.textContent = result.message;
  });
})();
