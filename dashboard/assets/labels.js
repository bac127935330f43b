/* District names over the map, as HTML (no glyph server: the page fetches nothing).
 *
 * The names travel in the page data (`data.places`, viewmodel/place_names.py): each
 * district's label point, its box and its area. `placeLabels` places them greedily,
 * largest district first: a name is drawn when its district is at least about as wide
 * on screen as the name (so more names appear as one zooms in) and when it overlaps no
 * name already placed. Labels follow the map on every move (MapLibre's "move" event,
 * through `window.frontline.mapInstance()`, assets/frontline.js).
 *
 * The "names" layer (the layers checklist, also `?layers=` in the address) shows or
 * hides them; the language switch shows the Arabic names, right to left. Names are set
 * as text (textContent), never as HTML. The same overlay draws the ring around a place
 * the search found (assets/search.js sets it with `ringPlace`).
 *
 * `placeLabels` is pure (Node tests it: tests/js/labels.test.js).
 */
(function (browser) {
  "use strict";

  var PAD = 3;          /* px kept clear around each name */
  var MIN_FIT = 0.6;    /* a name shows when its district is this much of its width */
  var LINE_PX = 15;     /* a label's height */
  var FONT = "600 12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

  function overlaps(a, b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  }

  /* The labels to draw: [{i, text, x, y}] for the places `data.places` lists, in their
     order (largest district first). `project(lon, lat)` gives screen {x, y}; `measure`
     a text's width in px; `view` the map's {width, height}; `arabic` picks the names. */
  function placeLabels(places, project, measure, view, arabic) {
    var placed = [], boxes = [];
    for (var i = 0; i < places.id.length; i++) {
      if (!places.labelled[i]) { continue; }
      var text = arabic && places.ar[i] ? places.ar[i] : places.label[i];
      var p = project(places.lon[i], places.lat[i]);
      if (p.x < 0 || p.y < 0 || p.x > view.width || p.y > view.height) { continue; }
      var b = places.bbox[i];
      var lo = project(b[0], b[1]), hi = project(b[2], b[3]);
      var wide = Math.max(Math.abs(hi.x - lo.x), Math.abs(hi.y - lo.y));
      var w = measure(text);
      if (wide < w * MIN_FIT) { continue; }
      var box = {x0: p.x - w / 2 - PAD, x1: p.x + w / 2 + PAD,
                 y0: p.y - LINE_PX / 2 - PAD, y1: p.y + LINE_PX / 2 + PAD};
      if (box.x0 < 0 || box.x1 > view.width || box.y0 < 0 || box.y1 > view.height) { continue; }
      if (boxes.some(function (o) { return overlaps(box, o); })) { continue; }
      boxes.push(box);
      placed.push({i: i, text: text, x: Math.round(p.x), y: Math.round(p.y)});
    }
    return placed;
  }

  var pure = {placeLabels: placeLabels};
  if (typeof module !== "undefined" && module.exports) { module.exports = pure; }
  if (!browser) { return; }

  /* --- in the page ----------------------------------------------------------------- */
  var state = {data: null, shown: false, arabic: false, ring: null, map: null,
               config: null, queued: false};
  var canvas = null;

  function measure(text) {
    canvas = canvas || browser.document.createElement("canvas");
    var ctx = canvas.getContext("2d");
    ctx.font = FONT;
    return Math.ceil(ctx.measureText(text).width);
  }

  function overlay() {
    return state.config ? browser.document.getElementById(state.config.ids.nameLayer) : null;
  }

  /* What the names drawn last were placed for: a draw with the same is skipped. MapLibre
     is idle after every day drawn, and placing a thousand names again each time cost
     ~18 ms a step on the stress theatre for names that had not moved. */
  var drawnFor = null;
  function drawKey(map, view) {
    var c = map.getCenter();
    return [c.lng, c.lat, map.getZoom(), map.getBearing(), map.getPitch(), view.width,
            view.height, state.shown, state.arabic,
            state.ring ? state.ring.id + "@" + state.ring.lon + "," + state.ring.lat : ""]
      .join("|");
  }

  function draw() {
    state.queued = false;
    var map = browser.frontline && browser.frontline.mapInstance();
    var layer = overlay();
    if (!map || !layer || !state.data) { return; }
    var view = {width: layer.clientWidth, height: layer.clientHeight};
    var key = drawKey(map, view);
    if (drawnFor && drawnFor.key === key && drawnFor.data === state.data &&
        drawnFor.map === map && drawnFor.layer === layer) { return; }
    drawnFor = {key: key, data: state.data, map: map, layer: layer};
    var project = function (lon, lat) { return map.project([lon, lat]); };
    var places = state.data.places;
    var labels = state.shown ? placeLabels(places, project, measure, view, state.arabic) : [];
    var doc = browser.document, frag = doc.createDocumentFragment();
    labels.forEach(function (l) {
      var div = doc.createElement("div");
      div.className = "fl-name";
      div.textContent = l.text;
      div.setAttribute("data-place", places.id[l.i]);
      if (state.arabic && places.ar[l.i]) { div.dir = "rtl"; div.lang = "ar"; }
      div.style.transform = "translate(" + l.x + "px," + l.y + "px) translate(-50%,-50%)";
      frag.appendChild(div);
    });
    if (state.ring) {
      var p = project(state.ring.lon, state.ring.lat);
      var ring = doc.createElement("div");
      ring.className = "fl-place-ring";
      ring.setAttribute("data-place", state.ring.id);
      ring.style.transform = "translate(" + Math.round(p.x) + "px," + Math.round(p.y) +
        "px) translate(-50%,-50%)";
      frag.appendChild(ring);
    }
    layer.replaceChildren(frag);
    layer.setAttribute("data-names", String(labels.length));
  }

  function queue() {
    if (state.queued) { return; }
    state.queued = true;
    browser.requestAnimationFrame(draw);
  }

  /* Follow the map: MapLibre's map exists only once Plotly has drawn the figure, and a
     new figure may bring a new map, so look for it until it is there. */
  function attach() {
    var map = browser.frontline && browser.frontline.mapInstance();
    if (!map) { browser.setTimeout(attach, 200); return; }
    if (map !== state.map) {
      state.map = map;
      map.on("move", queue);
      map.on("resize", queue);
      map.on("idle", queue);
    }
    queue();
  }

  function named(fn, args) { return browser.dash_clientside.frontline.named(fn, args); }
  function ordered(config, fn, values) {
    return browser.dash_clientside.frontline.ordered(config, fn, values);
  }

  /* Clientside callback: the names layer shown or not, in which language. */
  function names() {
    var a = named("names", arguments);
    state.config = a.config;
    state.data = a.data;
    state.shown = (a.layers || []).indexOf("names") >= 0;
    state.arabic = a.lang === "ar";
    attach();
    return ordered(a.config, "names", {className: "fl-names" + (state.shown ? "" : " fl-off")});
  }

  /* Ring a place ({id, lon, lat}) until another is found (null: no ring). */
  function ringPlace(place) { state.ring = place; queue(); }

  browser.dash_clientside = Object.assign({}, browser.dash_clientside);
  browser.dash_clientside.frontline = Object.assign(
    browser.dash_clientside.frontline || {}, {names: names, placeLabels: placeLabels});
  browser.frontlineLabels = {ringPlace: ringPlace, redraw: queue};
})(typeof window !== "undefined" ? window : null);
