/* The comparison's outline on the map: the districts that changed hands between two
 * dates (dashboard/compare_panel.py lists them), drawn in magenta on the MapLibre map
 * (`window.frontline.mapInstance()`, frontline.js) from the districts' GeoJSON the
 * Plotly figure carries. The outline stays until the next comparison.
 */
(function (browser) {
  "use strict";
  if (!browser) { return; }

  var SOURCE = "fl-compare", LAYERS = ["fl-compare-casing", "fl-compare-line"];
  var COLOR = "#D6007B";  /* as the snapshot's outline (exports/compare.py) */
  var wanted = [];

  function geojson(config) {
    var div = browser.document.getElementById(config.ids.map);
    var gd = div ? div.querySelector(".js-plotly-plot") : null;
    var trace = gd && gd.data ? gd.data[config.traces.districts] : null;
    return trace ? trace.geojson : null;
  }

  function draw(config) {
    var map = browser.frontline.mapInstance(), all = geojson(config);
    if (!map || !all || !map.isStyleLoaded()) { browser.setTimeout(function () { draw(config); }, 200); return; }
    var keep = {};
    wanted.forEach(function (id) { keep[id] = true; });
    var data = {type: "FeatureCollection", features: all.features.filter(function (feat) {
      return keep[feat.id] || keep[feat.properties && feat.properties.id];
    })};
    if (map.getSource(SOURCE)) { map.getSource(SOURCE).setData(data); } else {
      map.addSource(SOURCE, {type: "geojson", data: data});
      map.addLayer({id: LAYERS[0], type: "line", source: SOURCE,
                    paint: {"line-color": "#FFFFFF", "line-width": 6}});
      map.addLayer({id: LAYERS[1], type: "line", source: SOURCE,
                    paint: {"line-color": COLOR, "line-width": 3.5}});
    }
    LAYERS.forEach(function (id) { if (map.getLayer(id)) { map.moveLayer(id); } });
  }

  /* Clientside callback: outline the districts the comparison names. */
  function compareOutline() {
    var fl = browser.dash_clientside.frontline;
    var a = fl.named("compareOutline", arguments);
    wanted = a.ids || [];
    draw(a.config);
    return fl.ordered(a.config, "compareOutline", {drawn: String(wanted.length)});
  }

  browser.dash_clientside = Object.assign({}, browser.dash_clientside);
  browser.dash_clientside.frontline = Object.assign(
    browser.dash_clientside.frontline || {}, {compareOutline: compareOutline});
})(typeof window !== "undefined" ? window : null);
