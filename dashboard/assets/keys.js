/* Keyboard shortcuts: which key clicks which button is the client config's `keys`
 * (dashboard/client_config.py), read through frontline.js's `keyTarget`, which also
 * decides by what has the focus. Keys typed into a text field or the slider itself are
 * left alone (the slider handles its own arrows); a checkbox or radio button that a
 * click focused does not swallow the arrows or Space (one reached with Tab keeps them).
 */
(function () {
  "use strict";

  /* The element a click focused, else null: focus that follows a pointer press with
     no key pressed in between (Tab, Shift+Tab) came from the pointer. */
  var clicked = null, pointing = false;
  document.addEventListener("pointerdown", function () { pointing = true; }, true);
  document.addEventListener("keydown", function () { pointing = false; }, true);
  document.addEventListener("focusin", function (event) {
    clicked = pointing ? event.target : null;
  }, true);

  /* What has the focus, in the words `keyTarget` takes. */
  function focusKind(target) {
    if (!target || target === document.body || !target.closest) { return "page"; }
    if (target.matches("input[type=checkbox], input[type=radio]")) {
      /* Focused by a click: the player's keys. Reached with Tab: the box keeps Space
         (and a radio its arrows), as a keyboard user expects. (":focus-visible" cannot
         tell: a key press makes any focused element match it.) */
      if (target === clicked) { return "toggle"; }
      return target.type === "radio" ? "field" : "button";
    }
    if (target.closest("input, textarea, select, [contenteditable], [role=slider]")) {
      return "field";
    }
    return target.closest("button, a, summary") ? "button" : "page";
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var f = window.dash_clientside && window.dash_clientside.frontline;
    if (!f || !f.config) { return; }  /* the page has not drawn yet */
    var id = f.keyTarget(f.config, event.key, event.shiftKey, focusKind(event.target));
    var button = id && document.getElementById(id);
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
})();
