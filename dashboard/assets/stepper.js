/* Stepping by hand, drawn in the browser alone: the slider's keys (arrows, Page Up/Down,
 * Home, End) and the day and change buttons (and their shortcuts, keys.js, which click
 * them) move the day here, with no Dash callback in the step.
 *
 * Why: through Dash a step cost the main thread 120-300 ms (the slider's and date box's
 * React re-render, three clientside callbacks, the chart's Plotly.react for its cursor)
 * where MapLibre needs ~2 ms to recolour. Every day's data is already on the page, so a
 * step writes, in one task: the map (mapview.js: the districts whose colour changed,
 * setData for events only when they change), the date label, the slider's thumb, the
 * date box, the chart's cursor line (moved in place, frontline.js), the address bar
 * and the window's event list.
 *
 * Dash hears of the day lazily: once the day stepped to is painted and no step has come
 * for SYNC_MS after it, the slider's value is set through Dash (navigate, render and
 * the event list then run once, which also puts the date box's and notices' props
 * right). Counted from the paint, not the key: that sync costs the main thread
 * 200-350 ms on the stress theatre (Dash's renderer runs every component's selector on
 * each of the dozen store updates a callback makes), and a step there takes longer
 * than SYNC_MS to paint, so a timer counted from the key fired inside every step. Anything else a person does (a click, another key)
 * first sends the pending day at once (`flush`), so every Dash callback reads the day
 * shown. Until Dash has heard, render and the event list draw the stepped day
 * (`localDay`), never an older value of the slider. While playing, steps go through
 * Dash as before (navigate plays on from the day moved to).
 */
(function (browser) {
  "use strict";
  if (!browser) { return; }

  var SYNC_MS = 1000;
  /* Radix's slider keys: a page key or Shift+arrow moves ten steps. */
  var STEP_KEYS = {ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1,
                   PageUp: 10, PageDown: -10};
  var S = {local: null, timer: null, halfThumb: null};

  function fl() { return browser.dash_clientside && browser.dash_clientside.frontline; }
  function doc() { return browser.document; }

  /* The view drawn now (mapview.js), or null before the first day is drawn. */
  function shownView() {
    var mv = browser.frontline.mapView;
    var v = mv && mv.view();
    return v && v.data && typeof v.day === "number" && v.config ? v : null;
  }

  function playing() {
    var p = browser.frontline.player;
    return Boolean(p && p.playing());
  }

  /* The slider's thumb at `day`, where Radix puts it: `left` is the percentage less an
     in-bounds offset of half the thumb's width, scaled from +half at 0% to -half at
     100% (Radix's getThumbInBoundsOffset). React rewrites the same on its next render. */
  function placeThumb(config, day, last) {
    var thumb = doc().querySelector("#" + config.ids.slider + " [role=slider]");
    if (!thumb) { return; }
    if (S.halfThumb === null) { S.halfThumb = thumb.offsetWidth / 2; }
    var pct = last > 0 ? day / last * 100 : 0;
    thumb.parentElement.style.left = "calc(" + pct + "% + " +
      (S.halfThumb * (1 - pct / 50)) + "px)";
    thumb.setAttribute("aria-valuenow", String(day));
  }

  function dateBox(config, iso) {
    var box = doc().getElementById(config.ids.dateInput);
    if (box && box !== doc().activeElement && box.value !== iso) { box.value = iso; }
  }

  /* A notice says which date is shown and why (navigate): once the day moves on it no
     longer holds, so it goes at once, as navigate clears it at the sync. Its text node
     is emptied in place (React keeps it and writes "" over it at the sync). */
  function clearNotice(config) {
    var el = doc().getElementById(config.ids.notice);
    if (!el || !el.textContent) { return; }
    var node = el.firstChild;
    if (node && node.nodeType === 3 && !node.nextSibling) { node.nodeValue = ""; } else {
      el.textContent = "";
    }
  }

  /* Show `day` (clamped) everywhere the page shows the day; Dash hears of it later. */
  function show(day) {
    var v = shownView();
    if (!v) { return false; }
    day = Math.max(0, Math.min(v.data.dates.length - 1, day));
    if (day === v.day) { return true; }
    browser.frontline.mapView.draw(Object.assign({}, v, {day: day}), true);
    writeDay(v, day);
    S.local = day;
    schedule();
    return true;
  }

  /* Everything but the map that shows the day, for view `v` ({config, data, known,
     selected, layers}): the label, the thumb, the date box, the notice, the chart's
     cursor, the event list and the address. The player writes the same each frame. */
  function writeDay(v, day) {
    var f = fl(), data = v.data, config = v.config;
    f.showLabel(config, f.labelText(data, day, v.known));
    placeThumb(config, day, data.dates.length - 1);
    dateBox(config, data.dates[day]);
    clearNotice(config);
    f.placeCursor(config, data.dates[day]);
    f.writeEventList(config, day, v.known ? ["known"] : [], v.selected, data);
    f.writeUrl(config, data, day, v.layers || [], v.known);
  }

  function schedule() {
    if (S.timer !== null) { browser.clearTimeout(S.timer); }
    S.timer = browser.setTimeout(due, SYNC_MS);
  }

  /* The sync's time has come: unless the map is still painting the day (then SYNC_MS
     after it has: "frontline:map-drawn" below restarts the count). */
  function due() {
    S.timer = null;
    var mv = browser.frontline.mapView;
    if (!(mv && mv.busy())) { flush(); }
  }

  browser.document.addEventListener("frontline:map-drawn", function () {
    if (S.local !== null) { schedule(); }
  });

  /* Tell Dash the day shown (the slider's value), if a step has not been told yet. */
  function flush() {
    if (S.timer !== null) { browser.clearTimeout(S.timer); S.timer = null; }
    if (S.local === null) { return; }
    var day = S.local, f = fl();
    S.local = null;
    if (f && f.config) { browser.dash_clientside.set_props(f.config.ids.slider, {value: day}); }
  }

  /* The day a key or button moves to from `day`, or null if it is not a step. */
  function keyDay(event, day, last) {
    if (event.key === "Home") { return 0; }
    if (event.key === "End") { return last; }
    var by = STEP_KEYS[event.key];
    if (!by) { return null; }
    return day + (event.shiftKey && Math.abs(by) === 1 ? by * 10 : by);
  }

  function buttonDay(config, id, v) {
    var f = fl(), day = v.day;
    if (id === config.ids.prevDay) { return day - 1; }
    if (id === config.ids.nextDay) { return day + 1; }
    if (id === config.ids.prevChange) { return f.stepChange(v.data, day, v.known, -1); }
    if (id === config.ids.nextChange) { return f.stepChange(v.data, day, v.known, 1); }
    return null;
  }

  function onSlider(config, target) {
    return Boolean(target && target.closest &&
                   target.closest("#" + config.ids.slider + " [role=slider]"));
  }

  /* Capture phase, before React (listening at its root) or keys.js see the event. */
  browser.addEventListener("keydown", function (event) {
    var f = fl(), v = shownView();
    if (!f || !f.config || !v || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    if (onSlider(v.config, event.target) && !playing()) {
      var day = keyDay(event, v.day, v.data.dates.length - 1);
      if (day !== null) {
        event.preventDefault();
        event.stopPropagation();
        show(day);
        return;
      }
    }
    /* An arrow outside a field clicks a day button (keys.js): a step, no flush. */
    if (!STEP_KEYS[event.key]) { flush(); }
  }, true);

  browser.addEventListener("pointerdown", function (event) {
    var f = fl();
    if (!f || !f.config) { return; }
    var ids = f.config.ids, t = event.target;
    var button = t && t.closest ? t.closest("button") : null;
    if (button && [ids.prevDay, ids.nextDay, ids.prevChange, ids.nextChange]
      .indexOf(button.id) >= 0) { return; }  /* a step: its click shows the day */
    flush();
  }, true);

  browser.addEventListener("click", function (event) {
    var v = shownView(), t = event.target;
    var button = t && t.closest ? t.closest("button") : null;
    if (!v || !button || playing()) { return; }
    var day = buttonDay(v.config, button.id, v);
    if (day === null) { return; }
    event.stopPropagation();  /* no n_clicks: Dash hears of the day at the sync */
    show(day);
  }, true);

  browser.frontline = Object.assign(browser.frontline || {}, {stepper: {
    show: show, flush: flush, writeDay: writeDay,
    /* The day stepped to that Dash has not heard of yet, or null. */
    localDay: function () { return S.local; }
  }});
})(typeof window !== "undefined" ? window : null);
