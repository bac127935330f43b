/* The control map's moving parts, drawn straight through MapLibre: no Plotly restyle
 * per frame (a change to any Plotly map trace made Plotly recompute every trace, the
 * districts included: 190-640 ms a step).
 *
 * Plotly still draws the map itself, the bridges and the river and outline, and its
 * figure carries the districts' GeoJSON and colour scale (its districts, front line and
 * event traces are sent hidden: viewmodel.figures.page_map). On the MapLibre map
 * (`window.frontline.mapInstance()`, frontline.js) this adds:
 * - one GeoJSON source of the districts, coloured by feature state `code` (side * 4 +
 *   basis, as the figure's z) through a `match` paint expression: a day recolours
 *   only the districts whose code changed;
 * - the front line, the events (with their white halos) and the selected event's ring,
 *   as GeoJSON sources updated with setData when they change;
 * - its own hover label: the same escaped text Plotly showed (built in Python by
 *   viewmodel.hover.safe or here by frontline.js's `safe`, its twin), so inserting it
 *   as HTML adds only our own <b>, <i> and <br>; a point's text is looked up by the
 *   index it carries, never sent to MapLibre with it.
 * What to draw on a day comes from frontline.js (`mapFeatures`). After each drawn day
 * the document gets a "frontline:map-drawn" event (detail: the day) once MapLibre is
 * idle, i.e. has painted it: the player skips frames until then, and bench/page.py
 * times steps by it.
 */
(function (browser) {
  "use strict";
  if (!browser) { return; }

  var SRC = {districts: "fl-districts", front: "fl-front", events: "fl-events",
             ring: "fl-ring"};
  /* Our layers, bottom to top, with the page layer (checkbox) that shows each. */
  var LAYERS = [
    {id: "fl-district-fill", layer: "districts"}, {id: "fl-district-line", layer: "districts"},
    {id: "fl-front-line", layer: "front"}, {id: "fl-event-halo", layer: "events"},
    {id: "fl-event-dot", layer: "events"}, {id: "fl-event-ring-edge", layer: "events"},
    {id: "fl-event-ring", layer: "events"}
  ];
  var HOVER_CLASS = "fl-map-hover";

  var st = {map: null, view: null, codes: null, index: null, ids: null, front: null,
            eventsKey: null, ring: null, layers: null, day: null, busy: false, features: null,
            hoverEl: null, plotlyHover: false};

  function f() { return browser.dash_clientside.frontline; }
  function graphDiv(config) {
    return browser.document.querySelector("#" + config.ids.map + " .js-plotly-plot");
  }

  /* Colour of each code, from the figure's stepped colour scale (two stops a code). */
  function codeColors(trace) {
    var scale = trace.colorscale, out = [];
    for (var k = 0; k + 1 < scale.length; k += 2) { out.push(scale[k][1]); }
    return out;
  }

  function fillColor(colors) {
    var expr = ["match", ["coalesce", ["feature-state", "code"], -1]];
    colors.forEach(function (c, k) { expr.push(k, c); });
    expr.push("rgba(0,0,0,0)");
    return expr;
  }

  /* Keep our layers where Plotly's traces were: districts and front line just under
     Plotly's first trace layer (above the city's fill, which goes below the traces),
     events just over its last (under the river and outline drawn above everything).
     Plotly adds its layers after ours and re-adds them on some updates: checked on
     every draw, moved only when out of place. */
  function arrange(map) {
    var ids = map.getStyle().layers.map(function (l) { return l.id; });
    var traces = ids.filter(function (id) { return id.indexOf("plotly-trace-layer-") === 0; });
    if (!traces.length) { return; }
    var first = traces[0], last = traces[traces.length - 1];
    var under = ["fl-district-fill", "fl-district-line", "fl-front-line"];
    var over = ["fl-event-halo", "fl-event-dot", "fl-event-ring-edge", "fl-event-ring"];
    if (ids.indexOf(under[2]) + 1 !== ids.indexOf(first)) {
      under.forEach(function (id) { map.moveLayer(id, first); });
    }
    ids = map.getStyle().layers.map(function (l) { return l.id; });
    if (ids.indexOf(over[0]) !== ids.indexOf(last) + 1) {
      var next = ids[ids.indexOf(last) + 1];
      over.forEach(function (id) { map.moveLayer(id, next); });
    }
  }

  function empty() { return {type: "FeatureCollection", features: []}; }

  /* Add our sources and layers to `map` (again, should Plotly have made a new map). */
  function setUp(map, config) {
    var gd = graphDiv(config);
    var trace = gd.data[config.traces.districts];
    var frontTrace = gd.data[config.traces.front];
    var size = config.eventSize;
    map.addSource(SRC.districts, {type: "geojson", data: trace.geojson, promoteId: "id"});
    map.addSource(SRC.front, {type: "geojson", data: empty()});
    map.addSource(SRC.events, {type: "geojson", data: empty()});
    map.addSource(SRC.ring, {type: "geojson", data: empty()});
    var marker = trace.marker || {};
    map.addLayer({id: "fl-district-fill", type: "fill", source: SRC.districts,
                  paint: {"fill-color": fillColor(codeColors(trace)),
                          "fill-opacity": marker.opacity === undefined ? 0.85 : marker.opacity}});
    var edge = marker.line || {color: "#FFFFFF", width: 0.6};
    map.addLayer({id: "fl-district-line", type: "line", source: SRC.districts,
                  paint: {"line-color": edge.color, "line-width": edge.width}});
    var line = frontTrace.line || {color: "#111111", width: 6};
    map.addLayer({id: "fl-front-line", type: "line", source: SRC.front,
                  layout: {"line-join": "round", "line-cap": "round"},
                  paint: {"line-color": line.color, "line-width": line.width}});
    map.addLayer({id: "fl-event-halo", type: "circle", source: SRC.events,
                  paint: {"circle-radius": (size + 4) / 2, "circle-color": "#FFFFFF",
                          "circle-opacity": ["get", "opacity"]}});
    map.addLayer({id: "fl-event-dot", type: "circle", source: SRC.events,
                  paint: {"circle-radius": size / 2, "circle-color": ["get", "color"],
                          "circle-opacity": ["get", "opacity"]}});
    /* The selected event's ring: a hollow circle in the figure's ring colour (magenta,
       viewmodel.figures.RING_COLOR) with a white edge, seen on every side's colour: a
       grey disc vanished on the government's dark blue. */
    var ring = (gd.data[config.traces.highlight].marker || {}).color || "#9B0058";
    /* The white edge carries the contrast where the magenta has little (on the
       government's full blue both are about as dark); the magenta carries it on the
       pale inferred and assumed fills (tests/unit/test_ring_contrast.py). */
    map.addLayer({id: "fl-event-ring-edge", type: "circle", source: SRC.ring,
                  paint: {"circle-radius": 15, "circle-opacity": 0,
                          "circle-stroke-width": 8, "circle-stroke-color": "#FFFFFF",
                          "circle-stroke-opacity": 0.95}});
    map.addLayer({id: "fl-event-ring", type: "circle", source: SRC.ring,
                  paint: {"circle-radius": 15, "circle-opacity": 0,
                          "circle-stroke-width": 4, "circle-stroke-color": ring,
                          "circle-stroke-opacity": 0.95}});
    st.map = map;
    st.ids = Array.from(trace.locations);
    st.index = {};
    st.ids.forEach(function (id, i) { st.index[id] = i; });
    st.codes = null; st.front = null; st.eventsKey = null; st.ring = null; st.layers = null;
    hookHover(map, gd);
    var arranging = false;
    map.on("styledata", function () {  /* Plotly added or re-added its layers */
      if (arranging || st.map !== map) { return; }
      arranging = true;
      try { arrange(map); } finally { arranging = false; }
    });
    arrange(map);
  }

  function ready(config) {
    var map = browser.frontline.mapInstance();
    if (!map) { return null; }
    /* Once our sources are on this map, draw whatever it is loading: isStyleLoaded()
       is false while any source loads (our own events after a setData too), and a
       day refused then was drawn later by the poll below, without its label: under
       load the play test saw the map on a day the label did not show. */
    if (st.map === map && map.getSource(SRC.districts)) { return map; }
    if (!map.isStyleLoaded()) { return null; }
    var gd = graphDiv(config);
    if (!gd || !gd.data || !gd.data[config.traces.districts]) { return null; }
    if (st.map !== map || !map.getSource(SRC.districts)) { setUp(map, config); }
    return map;
  }

  /* Draw `view` ({config, data, day, known, layers, selected}); `now` false only
     remembers it (the player is drawing). Returns whether it was drawn. */
  function draw(view, now) {
    st.view = view;
    if (now === false) { return false; }
    var map = ready(view.config);
    if (!map) { waitForMap(view.config); return false; }
    var feats = f().mapFeatures(view.data, view.day, view.known, view.selected);
    var changed = false;
    var z = feats.z;
    for (var i = 0; i < st.ids.length; i++) {
      if (!st.codes || st.codes[i] !== z[i]) {
        map.setFeatureState({source: SRC.districts, id: st.ids[i]}, {code: z[i]});
        changed = true;
      }
    }
    st.codes = Array.from(z);
    if (st.front !== feats.front) {
      map.getSource(SRC.front).setData(feats.front);
      st.front = feats.front;
      changed = true;
    }
    if (st.eventsKey !== feats.eventsKey) {
      map.getSource(SRC.events).setData(feats.events);
      st.eventsKey = feats.eventsKey;
      changed = true;
    }
    /* The ring only when it changed: most days it stays empty, and each setData is a
       round trip to MapLibre's worker that the day waits for. */
    if (st.ring !== feats.ringKey) {
      map.getSource(SRC.ring).setData(feats.ring);
      st.ring = feats.ringKey;
      changed = true;
    }
    var key = (view.layers || []).join(",");
    if (st.layers !== key) {
      LAYERS.forEach(function (l) {
        map.setLayoutProperty(l.id, "visibility",
                              view.layers.indexOf(l.layer) >= 0 ? "visible" : "none");
      });
      st.layers = key;
      changed = true;
    }
    st.features = feats;
    st.day = view.day;
    settle(map, view.day, changed);
    return true;
  }

  /* Once MapLibre has painted the day: not busy any more, and say so. */
  function settle(map, day, changed) {
    var done = function () {
      st.busy = false;
      browser.document.dispatchEvent(new browser.CustomEvent("frontline:map-drawn",
                                                             {detail: day}));
    };
    if (!changed) { st.busy = false; browser.setTimeout(done, 0); return; }
    st.busy = true;
    map.once("idle", done);
  }

  var waiting = false;
  function waitForMap(config) {
    if (waiting) { return; }
    waiting = true;
    var poll = function () {
      if (!ready(config)) { browser.setTimeout(poll, 50); return; }
      waiting = false;
      /* While playing, the player draws its next frame itself (map and label together);
         otherwise the view waiting is drawn with its label. */
      var player = browser.frontline.player;
      if (!st.view || (player && player.playing())) { return; }
      draw(st.view, true);
      var fl = f();
      fl.showLabel(st.view.config, fl.labelText(st.view.data, st.view.day, st.view.known));
    };
    browser.setTimeout(poll, 50);
  }

  /* Our hover label: the district or event under the pointer, with its escaped text.
     Plotly's own (the bridges) wins where it shows one. */
  function hookHover(map, gd) {
    if (!st.hoverEl || !gd.contains(st.hoverEl)) {
      st.hoverEl = browser.document.createElement("div");
      st.hoverEl.className = HOVER_CLASS;
      st.hoverEl.setAttribute("role", "tooltip");
      st.hoverEl.style.display = "none";
      gd.appendChild(st.hoverEl);
      gd.on("plotly_hover", function () { st.plotlyHover = true; hide(); });
      gd.on("plotly_unhover", function () { st.plotlyHover = false; });
    }
    map.on("mousemove", function (e) { hover(map, e.point); });
    map.on("mouseout", hide);
  }

  function hide() { if (st.hoverEl) { st.hoverEl.style.display = "none"; } }

  /* The hover text at `point` (pixels on the map), or null. */
  function textAt(map, point) {
    var layers = ["fl-event-dot", "fl-district-fill"].filter(function (id) {
      return map.getLayer(id) && map.getLayoutProperty(id, "visibility") !== "none";
    });
    if (!layers.length || !st.features) { return null; }
    var hits = map.queryRenderedFeatures(point, {layers: layers});
    for (var k = 0; k < hits.length; k++) {
      var hit = hits[k];
      if (hit.layer.id === "fl-event-dot") { return pointText(hit.properties); }
      var i = st.index[hit.properties.id];
      if (i !== undefined) { return st.features.text[i]; }
    }
    return null;
  }

  /* A map point's escaped hover text, looked up by its index (frontline.js pointHover). */
  function pointText(props) {
    return st.view && st.view.data ? f().pointHover(st.view.data, props) : null;
  }

  function hover(map, point) {
    var text = st.plotlyHover ? null : textAt(map, point);
    if (!text) { hide(); return; }
    /* Escaped text (see the top of this file): only our own tags are markup. */
    st.hoverEl.innerHTML = text;
    st.hoverEl.style.left = (point.x + 12) + "px";
    st.hoverEl.style.top = (point.y + 12) + "px";
    st.hoverEl.style.display = "block";
  }

  browser.frontline = Object.assign(browser.frontline || {}, {mapView: {
    draw: draw,
    busy: function () { return st.busy; },
    drawnDay: function () { return st.day; },
    view: function () { return st.view; },
    textAt: function (x, y) { return st.map ? textAt(st.map, {x: x, y: y}) : null; },
    pointText: pointText,
    districtText: function (id) {
      return st.features && st.index && id in st.index ? st.features.text[st.index[id]] : null;
    },
    sources: SRC
  }});
})(typeof window !== "undefined" ? window : null);
