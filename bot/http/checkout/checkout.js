// The hosted checkout page's only script (served as a file: the page's CSP allows no inline script).
// It counts down to the expiry and follows the request's status by short polling, once a second.
(function () {
  'use strict';
  var root = document.getElementById('checkout');
  if (!root) return;
  var expiresAt = Date.parse(root.getAttribute('data-expires-at'));
  var statusUrl = root.getAttribute('data-status-url');
  var countdown = document.getElementById('countdown');
  var statusBox = document.getElementById('status');
  var labels = { paid: root.getAttribute('data-label-paid'), expired: root.getAttribute('data-label-expired'), cancelled: root.getAttribute('data-label-cancelled') };
  var finished = root.getAttribute('data-status') !== 'open';

  function pad(n) { return n < 10 ? '0' + n : String(n); }

  function tick() {
    if (finished || !countdown) return;
    var left = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
    var h = Math.floor(left / 3600);
    var m = Math.floor((left % 3600) / 60);
    countdown.textContent = (h ? h + ':' + pad(m) : String(m)) + ':' + pad(left % 60);
  }

  function show(status, successUrl) {
    if (status === 'open' || !labels[status]) return;
    finished = true;
    root.setAttribute('data-status', status);
    statusBox.textContent = labels[status];
    statusBox.className = 'status status-' + status;
    if (status === 'paid' && successUrl) setTimeout(function () { window.location.assign(successUrl); }, 1500);
  }

  function poll() {
    if (finished) return;
    fetch(statusUrl, { headers: { accept: 'application/json' }, cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) { if (body) show(body.status, body.success_url); })
      .catch(function () {})
      .then(function () { if (!finished) setTimeout(poll, 1000); });
  }

  tick();
  setInterval(tick, 1000);
  setTimeout(poll, 1000);
})();
