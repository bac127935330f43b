/* Keyboard shortcuts: which key clicks which button is the client config's `keys`
 * (dashboard/client_config.py), read through frontline.js's `keyTarget`. Keys typed
 * into a field or the slider itself are left alone (the slider handles its own arrows).
 */
(function () {
  "use strict";

  function typing(target) {
    if (!target || !target.closest) { return false; }
    return Boolean(target.closest("input, textarea, select, [contenteditable], [role=slider]"));
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
    var f = window.dash_clientside && window.dash_clientside.frontline;
    if (!f || !f.config) { return; }  /* the page has not drawn yet */
    var id = f.keyTarget(f.config, event.key, event.shiftKey, event.target === document.body);
    var button = id && document.getElementById(id);
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
})();
