/* Place search: a box above the map that finds a place by any spelling the gazetteer
 * holds (name, variants, Arabic; `data.places.names`, viewmodel/place_names.py), moves
 * the map to it and rings it (the ring is drawn by assets/labels.js).
 *
 * Matching folds case, accents, Arabic short vowels and apostrophes on both sides
 * ("zirai" finds "al-Hay al-Zira'i", "الزراعي" finds it too) and ranks a name that
 * starts with the query before one that only contains it.
 *
 * `fold` and `matchPlaces` are pure (Node tests them: tests/js/search.test.js).
 */
(function (browser) {
  "use strict";

  var MAX_RESULTS = 8;
  var MAX_ZOOM = 15;

  /* A spelling as the search compares it. */
  function fold(text) {
    return String(text).normalize("NFD")
      .replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, "")  /* accents, Arabic vowel marks */
      .replace(/[\u0623\u0625\u0622]/g, "\u0627")           /* hamza'd alifs: plain alif */
      .toLowerCase()
      .replace(/['\u2018\u2019`\u02bf\u02be\u02bb]/g, "")   /* apostrophes, ayn, hamza */
      .replace(/[-_.,()/]+/g, " ").replace(/\s+/g, " ").trim();
  }

  /* Rank of `name` for `q` (both folded): 0 the whole name, 1 its start, 2 the start of
     one of its words, 3 anywhere in it, -1 no match. */
  function rank(name, q) {
    if (name === q) { return 0; }
    if (name.indexOf(q) === 0) { return 1; }
    if ((" " + name).indexOf(" " + q) >= 0) { return 2; }
    return name.indexOf(q) >= 0 ? 3 : -1;
  }

  /* The places matching `query`, best first: [{i, label, ar, matched}] where `matched`
     is the spelling that matched when it is not the label itself. */
  function matchPlaces(places, query) {
    var q = fold(query || "");
    if (q.length < 2) { return []; }
    var found = [];
    for (var i = 0; i < places.id.length; i++) {
      var best = -1, spelled = "";
      places.names[i].forEach(function (name) {
        var r = rank(fold(name), q);
        if (r >= 0 && (best < 0 || r < best)) { best = r; spelled = name; }
      });
      if (best >= 0) {
        found.push({i: i, rank: best, label: places.label[i], ar: places.ar[i],
                    matched: spelled === places.label[i] ? "" : spelled,
                    district: !!places.labelled[i]});
      }
    }
    found.sort(function (a, b) {
      return a.rank - b.rank || (b.district - a.district) || a.label.localeCompare(b.label);
    });
    return found.slice(0, MAX_RESULTS);
  }

  var pure = {fold: fold, matchPlaces: matchPlaces};
  if (typeof module !== "undefined" && module.exports) { module.exports = pure; }
  if (!browser) { return; }

  function f() { return browser.dash_clientside.frontline; }
  function el(type, props) {
    return {type: type, namespace: "dash_html_components", props: props};
  }

  /* Clientside callback: the result list for the text in the box. */
  function placeSearch() {
    var a = f().named("placeSearch", arguments);
    var q = a.query || "";
    var ctx = browser.dash_clientside.callback_context;
    var fired = (ctx && ctx.triggered ? ctx.triggered : []).map(function (t) { return t.prop_id; });
    if (!a.data || fold(q).length < 2 || f().triggerNames(a.config, "placeSearch", fired)
        .indexOf("picked") >= 0) {
      return f().ordered(a.config, "placeSearch", {items: []});
    }
    var found = matchPlaces(a.data.places, q);
    var items = found.length === 0
      ? [el("Li", {className: "fl-none", children: "No place named \u201c" + q + "\u201d."})]
      : found.map(function (m) {
        return el("Li", {children: el("Button", {
          id: {type: a.config.ids.placeItem, index: m.i}, n_clicks: 0,
          className: "fl-place", title: "Show this place on the map",
          children: [m.label, m.matched ? el("Span", {className: "fl-small",
                                                    children: " (" + m.matched + ")"}) : "",
                     m.ar ? el("Span", {className: "fl-ar", dir: "rtl", lang: "ar",
                                        children: m.ar}) : ""]})});
      });
    return f().ordered(a.config, "placeSearch", {items: items});
  }

  /* Move the map to place `i` and ring it. */
  function showPlace(data, i) {
    var p = data.places, map = browser.frontline && browser.frontline.mapInstance();
    if (map) {
      var b = p.bbox[i];
      map.fitBounds([[b[0], b[1]], [b[2], b[3]]], {padding: 60, maxZoom: MAX_ZOOM,
                                                   duration: 0});
    }
    if (browser.frontlineLabels) {
      browser.frontlineLabels.ringPlace({id: p.id[i], lon: p.lon[i], lat: p.lat[i]});
    }
  }

  /* Clientside callback: a result clicked, or Enter in the box (the best match). */
  function placePick() {
    var a = f().named("placePick", arguments);
    var ctx = browser.dash_clientside.callback_context;
    var trigger = ctx && ctx.triggered && ctx.triggered[0];
    var i;
    if (trigger && trigger.prop_id.indexOf("n_submit") < 0) {
      i = trigger.value ? f().clickedIndex(trigger) : null;
    } else {
      var best = matchPlaces(a.data.places, a.query || "")[0];
      i = best ? best.i : null;
    }
    if (i === null || i === undefined) {
      return f().ordered(a.config, "placePick", {picked: browser.dash_clientside.no_update});
    }
    showPlace(a.data, i);
    return f().ordered(a.config, "placePick", {picked: a.data.places.id[i]});
  }

  browser.dash_clientside = Object.assign({}, browser.dash_clientside);
  browser.dash_clientside.frontline = Object.assign(
    browser.dash_clientside.frontline || {},
    {placeSearch: placeSearch, placePick: placePick, matchPlaces: matchPlaces});
})(typeof window !== "undefined" ? window : null);
