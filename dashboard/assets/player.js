/* Play, driven by requestAnimationFrame: the day shown follows the clock (the rate in
 * days a second, frontline.js's `playRate`), at most one day drawn per animation frame,
 * and a frame is skipped while MapLibre has not yet painted the last day drawn
 * (assets/mapview.js `busy`). So a slow machine skips days, never queues them: the
 * date label and the map always show the same day, and Pause stops on it at once.
 *
 * Each drawn day is written in one go: the map (mapview.js), the date label (which
 * only the browser code writes, frontline.js `showLabel`), then Dash hears of it through
 * the PLAY_TICK store (navigate moves the slider, the list and the chart follow).
 * Navigate starts and stops the player (frontline.js); Pause reads `shownDay`.
 */
(function (browser) {
  "use strict";
  if (!browser) { return; }

  var P = {playing: false, raf: null, view: null, from: 0, t0: null, rate: 2, day: null,
           endedAt: -Infinity};
  var JUST_ENDED_MS = 600;

  function view() { return browser.frontline.mapView; }

  function show(day) {
    var v = P.view, last = Object.assign({}, view().view() || {});
    var drawn = view().draw(Object.assign(last, {config: v.config, data: v.data, day: day,
                                                 known: v.known}), true);
    if (!drawn) { return false; }
    P.day = day;
    var fl = browser.dash_clientside.frontline;
    fl.showLabel(v.config, fl.labelText(v.data, day, v.known));
    browser.dash_clientside.set_props(v.config.ids.playTick, {data: day});
    return true;
  }

  function frame(now) {
    if (!P.playing) { return; }
    P.raf = browser.requestAnimationFrame(frame);
    if (view().busy()) { return; }  /* the last day is not painted yet: skip this frame */
    var lastDay = P.view.data.dates.length - 1;
    if (P.t0 === null) {
      if (show(P.from)) { P.t0 = now; }
      return;
    }
    var target = Math.min(lastDay, P.from + Math.floor((now - P.t0) * P.rate / 1000));
    if (target <= P.day) { return; }
    show(target);
    if (target >= lastDay) { stop(); P.endedAt = now; }
  }

  /* Play from `opts.day` ({config, data, known, day, rate}). */
  function start(opts) {
    stop();
    P.view = opts;
    P.rate = opts.rate;
    P.from = opts.day;
    P.day = null;
    P.t0 = null;
    P.playing = true;
    P.raf = browser.requestAnimationFrame(frame);
  }

  function stop() {
    P.playing = false;
    if (P.raf !== null) { browser.cancelAnimationFrame(P.raf); P.raf = null; }
  }

  /* A new speed while playing counts on from the day shown. */
  function setRate(rate) {
    if (P.playing && P.t0 !== null) { P.from = P.day; P.t0 = browser.performance.now(); }
    P.rate = rate;
  }

  browser.frontline = Object.assign(browser.frontline || {}, {player: {
    start: start, stop: stop, setRate: setRate,
    playing: function () { return P.playing; },
    shownDay: function () { return P.playing ? P.day : null; },
    justEnded: function () {
      return browser.performance.now() - P.endedAt < JUST_ENDED_MS;
    }
  }});
})(typeof window !== "undefined" ? window : null);
