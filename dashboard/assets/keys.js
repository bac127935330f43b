/* Keyboard shortcuts: arrows step a day, Shift+arrows jump to the previous/next change
 * of control, Space plays or pauses. Keys typed into a field or the slider itself are
 * left alone (the slider handles its own arrows). The ids are those of dashboard/ids.py.
 */
(function () {
  "use strict";
  var KEYS = {
    ArrowLeft: ["prev-day", "prev-change"],
    ArrowRight: ["next-day", "next-change"]
  };

  function typing(target) {
    if (!target || !target.closest) { return false; }
    return Boolean(target.closest("input, textarea, select, [contenteditable], [role=slider]"));
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
    var id = null;
    if (KEYS[event.key]) {
      id = KEYS[event.key][event.shiftKey ? 1 : 0];
    } else if (event.key === " " && event.target === document.body) {
      id = "play-button";
    }
    var button = id && document.getElementById(id);
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
})();
