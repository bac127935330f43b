/* Frontline clientside callbacks: the animation runs here, with no server round trip.
 *
 * Ids, the map's trace indices, its layers and the play timing come from Python in the
 * client config (dashboard/client_config.py), every callback's last argument: nothing
 * here repeats them. The callbacks' arguments arrive by position and are zipped into an
 * object by the names the config lists (`named`); outputs are returned by name and
 * put in the config's order (`ordered`), so the two sides cannot drift apart silently.
 *
 * The page data (dcc.Store "page-data") holds, for every day, the districts' colour
 * codes and hover-text indices, the front line index and the events. `frame` is the
 * twin of `viewmodel.page_data.frame` in Python: keep the two in step.
 * The store is kept small (`PageData.to_json`): fronts travel as shared edges plus each
 * front's edge indices, events as columns whose texts index `data.strings`; `decoded`
 * turns them back into records once per store.
 * Text from articles only ever reaches the DOM as React text children or as
 * Plotly hover text that was HTML-escaped, in Python or by `safe` here (its twin).
 *
 * Loading this file touches no DOM: Node loads it too (`module.exports`, the pure
 * functions), for the tests in tests/js/.
 */
(function (browser) {
  "use strict";

  var MAX_LISTED = 40;
  /* Dates, the address bar and their notices: assets/address.js (loaded first). */
  var address = browser ? browser.frontlineAddress : require("./address.js");
  var dayOfIso = address.dayOfIso, clampDay = address.clampDay;
  var nearestNotice = address.nearestNotice, parseUrl = address.parseUrl;

  function noUpdate() { return browser.dash_clientside.no_update; }

  /* The Plotly-drawn layers the map shows now (see `render`), null before the first. */
  var drawn = null;
  /* What the chart shows: -1 every figure (the server's figure), else in "as known on"
     mode the number of figures published by the day (a set that only grows with it).
     `chartVersion` is the page data's version it was drawn for: an analyst's decision
     sends new page data (and the server's new chart when it changed), drawn afresh. */
  var chartDrawn = -1, chartVersion = null;

  /* A callback's arguments as an object, by the names the config gives them (the
     config itself is the last argument). */
  function named(fn, args) {
    var config = args[args.length - 1];
    var spec = config.callbacks[fn];
    if (!spec || spec.inputs.length !== args.length - 1) {
      throw new Error("frontline.js: " + fn + " got " + (args.length - 1) +
                      " arguments; the client config names " + (spec ? spec.inputs.length : 0));
    }
    var a = {config: config};
    spec.inputs.forEach(function (input, i) { a[input.name] = args[i]; });
    return a;
  }

  /* The outputs object of `fn` as Dash wants it: in the config's order, a bare value for
     a single output. A missing name is an error, never a silent no_update. */
  function ordered(config, fn, values) {
    var names = config.callbacks[fn].outputs;
    var out = names.map(function (name) {
      if (!Object.prototype.hasOwnProperty.call(values, name)) {
        throw new Error("frontline.js: " + fn + " gives no output named " + name);
      }
      return values[name];
    });
    return names.length === 1 ? out[0] : out;
  }

  /* The names of `fn`'s inputs that fired, from the prop_ids Dash reports. */
  function triggerNames(config, fn, propIds) {
    var byTrigger = {};
    config.callbacks[fn].inputs.forEach(function (input) {
      if (input.trigger) { byTrigger[input.trigger] = input.name; }
    });
    return propIds.filter(function (p) { return byTrigger[p]; })
      .map(function (p) { return byTrigger[p]; });
  }

  function triggered(config, fn) {
    var ctx = browser.dash_clientside.callback_context;
    var propIds = (ctx && ctx.triggered ? ctx.triggered : []).map(function (t) {
      return t.prop_id;
    });
    return triggerNames(config, fn, propIds);
  }

  /* Python's str.split() whitespace, so that `safe` collapses exactly what
     viewmodel.hover.safe collapses. */
  var PY_SPACE = new RegExp("[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a" +
                            "\\u2028\\u2029\\u202f\\u205f\\u3000]+");

  /* One escaped line: the twin of viewmodel.hover.safe (html.escape, quote=False). */
  function safe(text) {
    return String(text).split(PY_SPACE).filter(function (w) { return w !== ""; }).join(" ")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /* An event's hover label, as viewmodel.page_events.page_event builds it; `lines` is
     the quote wrapped and escaped in Python (viewmodel.hover.safe_lines). */
  function eventHover(e) {
    if (e.hover === null) {
      e.hover = "<b>" + safe(e.label) + "</b> (" + safe(e.status) + "), " + safe(e.date) +
        "<br>" + safe(e.places) + "<br><i>“" + e.lines + "”</i><br>— " + safe(e.source) +
        ", " + safe(e.pubdate || e.date) + (e.grading ? "<br>" + safe(e.grading) : "");
    }
    return e.hover;
  }

  /* An analyst's note (twin of viewmodel.page_notes.note_hover). */
  function noteHover(n) {
    if (n.hover === null) {
      n.hover = "<b>analyst note</b>, " + safe(n.date) + "<br>" + safe(n.place) + "<br><i>" +
        n.lines + "</i><br>— " + safe(n.author) + (n.source ? ", citing " + safe(n.source) : "");
    }
    return n.hover;
  }

  /* The store changes only when an analyst's decision sends new page data: decode it
     once per store (by identity, or by its version and a fingerprint should Dash hand
     callbacks a copy of it). */
  var decodedFor = null, decodedKey = null, decodedPage = null;
  function decoded(data) {
    if (decodedFor === data) { return decodedPage; }
    var c = data.events, s = data.strings;
    var key = [data.version || "", data.start, data.dates.length, c.day.length, s.length,
               data.fronts.length,
               data.front_edges.lon.length, data.notes ? data.notes.day.length : 0].join("|");
    if (key === decodedKey) { decodedFor = data; return decodedPage; }
    var events = c.day.map(function (day, i) {
      return {day: day, end: c.end[i], pub: c.pub[i], kind: s[c.kind[i]],
              label: s[c.label[i]], status: s[c.status[i]], date: s[c.date[i]],
              places: s[c.places[i]], quote: s[c.quote[i]], lines: s[c.lines[i]],
              source: s[c.source[i]], lon: c.lon[i], lat: c.lat[i], hover: null,
              pubdate: c.pubdate ? s[c.pubdate[i]] : "",
              grading: c.grading ? s[c.grading[i]] : "",
              actor: c.actor ? s[c.actor[i]] : "", side: c.side ? s[c.side[i]] : ""};
    });
    var n = data.notes || {day: []};
    var notes = n.day.map(function (day, i) {
      return {day: day, pub: n.pub[i], place: s[n.place[i]], lines: s[n.lines[i]],
              author: s[n.author[i]], source: s[n.source[i]], date: s[n.date[i]],
              lon: n.lon[i], lat: n.lat[i], hover: null};
    });
    decodedFor = data;
    decodedKey = key;
    decodedPage = {events: events, notes: notes, fronts: {}, noFront: {lon: [], lat: []},
                   frontGeo: {}, eventsKey: null, eventsGeo: null, ringGeo: null};
    return decodedPage;
  }

  /* Front line `fi`: its edges joined by nulls (twin of page_control.join_edges), built
     once, so that an unchanged front is the same object from day to day. */
  function frontLine(data, fi) {
    var page = decoded(data);
    if (!(fi >= 0 && fi < data.fronts.length)) { return page.noFront; }
    if (!page.fronts[fi]) {
      var lon = [], lat = [], edges = data.front_edges;
      data.fronts[fi].forEach(function (k) {
        if (lon.length) { lon.push(null); lat.push(null); }
        Array.prototype.push.apply(lon, edges.lon[k]);
        Array.prototype.push.apply(lat, edges.lat[k]);
      });
      page.fronts[fi] = {lon: lon, lat: lat};
    }
    return page.fronts[fi];
  }

  function isKnown(known) { return (known || []).indexOf("known") >= 0; }

  /* The events by start day, and the longest an event stays on the map (its days and
     its fade): a day's events are found among those that started in that many days
     before it, not by a scan of every event (100,000 on the stress theatre: a scan a
     step cost tens of milliseconds). Built once per store. */
  function startIndex(data) {
    var page = decoded(data);
    if (!page.starts) {
      var events = page.events, longest = 0;
      var order = events.map(function (ev, i) {
        longest = Math.max(longest, ev.end + data.fade - ev.day);
        return i;
      });
      order.sort(function (a, b) { return events[a].day - events[b].day || a - b; });
      page.starts = {order: order, days: order.map(function (i) { return events[i].day; }),
                     longest: longest};
    }
    return page.starts;
  }

  /* The first position in the sorted `days` holding a value >= `day`. */
  function firstAtOrAfter(days, day) {
    var lo = 0, hi = days.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (days[mid] < day) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  /* The events on the map on `day`, as [index, opacity] in index order (the twin of
     viewmodel.page_data.event_opacity over every event). */
  function visibleEvents(data, day, known) {
    var out = [], events = decoded(data).events, idx = startIndex(data);
    var hits = [];
    var k = firstAtOrAfter(idx.days, day - idx.longest);
    for (; k < idx.days.length && idx.days[k] <= day; k++) { hits.push(idx.order[k]); }
    hits.sort(function (a, b) { return a - b; });
    hits.forEach(function (i) {
      var ev = events[i];
      if (known && !isPublished(ev, day)) { return; }
      if (day < ev.day || day > ev.end + data.fade) { return; }
      var age = Math.max(0, day - ev.end);
      out.push([i, Math.round((1 - age / (data.fade + 1)) * 1000) / 1000]);
    });
    return out;
  }

  function frame(data, day, known) {
    var v = data.views[known ? "known" : "main"];
    var fi = v.front[day];
    return {
      z: v.z[day],
      text: v.hover[day].map(function (i) { return v.texts[i]; }),
      front: frontLine(data, fi),
      events: visibleEvents(data, day, known),
      notes: notesInForce(data, day, known)
    };
  }

  function point(lon, lat, props) {
    return {type: "Feature", properties: props, geometry: {type: "Point", coordinates: [lon, lat]}};
  }
  function collection(features) { return {type: "FeatureCollection", features: features}; }

  /* Front line `fi` as GeoJSON (its edges as the lines of a MultiLineString), built once. */
  function frontGeo(data, fi) {
    var page = decoded(data);
    if (!page.frontGeo[fi]) {
      var line = frontLine(data, fi), lines = [], cur = [];
      for (var k = 0; k <= line.lon.length; k++) {
        if (k === line.lon.length || line.lon[k] === null) {
          if (cur.length > 1) { lines.push(cur); }
          cur = [];
        } else { cur.push([line.lon[k], line.lat[k]]); }
      }
      page.frontGeo[fi] = collection(lines.length ? [{type: "Feature", properties: {},
        geometry: {type: "MultiLineString", coordinates: lines}}] : []);
    }
    return page.frontGeo[fi];
  }

  /* What MapLibre draws on `day` (assets/mapview.js): the districts' colour codes and
     hover texts, the front line, the events and notes as GeoJSON points carrying their
     index (`pointHover` gives their escaped hover text: the texts themselves stay out
     of the source, which every day with a change sends to MapLibre's worker: on the
     stress theatre 2,000 points' hovers, a megabyte, copied each step), and the
     selected event's ring. `eventsKey` names the visible
     set (and its fading): the same key is the same collection, so that an unchanged
     day costs MapLibre nothing. */
  function mapFeatures(data, day, known, selected) {
    var f = frame(data, day, known), page = decoded(data);
    var v = data.views[known ? "known" : "main"];
    var key = f.events.map(function (p) { return p[0] + ":" + p[1]; }).join(",") + "|" +
      f.notes.join(",") + "|" + (selected === null || selected === undefined ? "" : selected);
    if (page.eventsKey !== key) {
      var points = [], ring = [];
      f.events.forEach(function (pair) {
        var e = page.events[pair[0]];
        for (var j = 0; j < e.lon.length; j++) {
          points.push(point(e.lon[j], e.lat[j], {i: pair[0], color: data.kind_colors[e.kind],
                                                 opacity: pair[1]}));
          if (pair[0] === selected) { ring.push(point(e.lon[j], e.lat[j], {})); }
        }
      });
      /* Analysts' notes ride with the events, index -1: no event to select. */
      f.notes.forEach(function (i) {
        var n = page.notes[i];
        if (n.lon === null || n.lat === null) { return; }
        points.push(point(n.lon, n.lat, {i: -1, note: i, color: data.note_color,
                                         opacity: 1}));
      });
      page.eventsKey = key;
      page.eventsGeo = collection(points);
      page.ringGeo = collection(ring);
      page.ringKey = ring.map(function (p) { return p.geometry.coordinates.join(","); })
        .join(";");
    }
    var fi = v.front[day];
    return {z: f.z, text: f.text, front: frontGeo(data, fi >= 0 && fi < data.fronts.length ? fi : -1),
            events: page.eventsGeo, ring: page.ringGeo, eventsKey: key, ringKey: page.ringKey};
  }

  /* Write the date label. Only the browser code writes it after the first render (it is
     no Dash output): the label changes in the same task as the map's colours, and
     React, which rendered its text node, never puts an older text back. */
  function showLabel(config, text) {
    var el = browser.document.getElementById(config.ids.label);
    if (!el) { return; }
    var node = el.firstChild;
    if (node && node.nodeType === 3 && !node.nextSibling) { node.nodeValue = text; } else {
      el.textContent = text;
    }
  }

  /* The date label's text for `day`. */
  function labelText(data, day, known) {
    return data.dates[day] + (known ? " (as known then)" : "");
  }

  /* Notes dated on or before `day` (known: and known by then); twin of
     viewmodel.page_notes.notes_in_force. */
  function notesInForce(data, day, known) {
    var out = [];
    decoded(data).notes.forEach(function (n, i) {
      if (n.day <= day && (!known || isPublished(n, day))) { out.push(i); }
    });
    return out;
  }

  function stepChange(data, day, known, dir) {
    var changes = data.views[known ? "known" : "main"].changes;
    if (dir > 0) {
      for (var i = 0; i < changes.length; i++) { if (changes[i] > day) { return changes[i]; } }
      return day;
    }
    for (var j = changes.length - 1; j >= 0; j--) { if (changes[j] < day) { return changes[j]; } }
    return day;
  }

  function chartQuote(data, clickData) {
    var pt = clickData && clickData.points && clickData.points[0];
    if (!pt) { return null; }
    var cd = pt.customdata;
    var day = cd ? cd[0] : dayOfIso(data, String(pt.x).slice(0, 10));
    var fig = cd && cd[1] >= 0 ? data.figures[cd[1]] : null;
    var text = fig ? "“" + fig.quote + "” — " + fig.source + ", " + fig.date : "";
    return {day: clampDay(data, day === null ? 0 : day), text: text};
  }

  /* Playback: days a second at `speed` (the base rate: dashboard/client_config.py). The
     player (assets/player.js) draws a day per animation frame at most, from the clock:
     a frame that could not be drawn in time is skipped, never queued. */
  function playRate(config, speed) { return config.play.daysPerSecond * (speed || 1); }

  /* The button a key press clicks (an id), or null, by what has the focus (keys.js
     tells): "page" (nothing), "toggle" (a checkbox or radio button, which a click on
     it focuses), "button", or "field" (a text box or the slider, which keep their own
     keys). The arrows and Space drive the player from a toggle too: otherwise one
     click on "as known on" would leave the arrows dead and turn Space into a switch
     that silently changes the map's mode. A focused button keeps Space, its own key. */
  function keyTarget(config, key, shift, focus) {
    var targets = config.keys[key];
    if (!targets || focus === "field") { return null; }
    if (key === " " && focus !== "page" && focus !== "toggle") { return null; }
    return targets[shift ? 1 : 0];
  }

  /* The play button's content: an icon drawn in CSS (frontline.css), never a font
     glyph: "⏸" is missing from common fonts and showed as a box. */
  function playLabel(playing) {
    return [el("Span", {className: "fl-icon " + (playing ? "fl-icon-pause" : "fl-icon-play")}),
            playing ? " Pause" : " Play"];
  }

  /* navigate's outputs for the named arguments `a` when the inputs `fired` fired;
     `no` stands for "leave unchanged". */
  function navigateStep(a, fired, no) {
    var data = a.data;
    var has = function (name) { return fired.indexOf(name) >= 0; };
    var day = typeof a.slider === "number" ? a.slider : 0;
    var last = data.dates.length - 1;
    var k = isKnown(a.known);
    var out = {day: no, playing: no, notice: no, quote: no, layers: no, known: no};
    var playing = a.playing === true;
    if (fired.length === 0 || has("search")) {
      var st = parseUrl(a.config, data, a.search);
      out = {day: st.day, playing: false, notice: st.notice, quote: no,
             layers: st.layers, known: st.known};
    } else if (has("play")) {
      /* A click that lands as play reaches the last day meant Pause: not a replay. */
      out.playing = !playing && !a.justEnded;
      if (out.playing && day >= last) { out.day = 0; }
      /* Paused: the slider takes the day the map shows (the player may be a frame
         ahead of the last tick Dash has seen), so label, box and map agree at once. */
      if (playing && typeof a.shown === "number" && a.shown !== day) { out.day = a.shown; }
    } else if (has("tick")) {
      if (typeof a.tick === "number") { out.day = clampDay(data, a.tick); }
      if (playing && (out.day === no ? day : out.day) >= last) { out.playing = false; }
    } else if (has("prevDay")) { out.day = clampDay(data, day - 1);
    } else if (has("nextDay")) { out.day = clampDay(data, day + 1);
    } else if (has("prevChange")) { out.day = stepChange(data, day, k, -1);
    } else if (has("nextChange")) { out.day = stepChange(data, day, k, 1);
    } else if (has("dateText")) {
      var dateValue = a.dateText;
      var d = dateValue ? dayOfIso(data, String(dateValue).trim()) : null;
      if (d === null) {
        out.notice = "Type a date as YYYY-MM-DD, between " + data.dates[0] + " and " +
          data.dates[last] + "; still showing " + data.dates[day] + ".";
      } else {
        out.day = clampDay(data, d);
        out.notice = nearestNotice(data, String(dateValue).trim(), out.day);
      }
    } else if (has("pick")) {  /* an event of the timeline panel: its date */
      if (a.pick && typeof a.pick.day === "number") { out.day = clampDay(data, a.pick.day); }
    } else if (has("chartClick")) {
      var q = chartQuote(data, a.chartClick);
      if (q) { out.day = q.day; out.quote = q.text; }
    } else if (has("slider")) {
      out.day = no;
    }
    /* A notice says which date is shown and why: once the day moves on, it no longer
       holds ("showing 2017-02-28" beside a map of 1 March), so it goes. */
    var moved = has("slider") || (out.day !== no && out.day !== day);
    if (moved && out.notice === no && fired.length > 0 && !has("search")) { out.notice = ""; }
    var shown = out.day === no ? day : out.day;
    /* The box always ends up holding the date the map shows: text that was not a date
       is replaced, never left beside a map of another day. */
    var boxKept = out.day === no && !has("slider") && !has("dateText");
    return {
      day: out.day,
      dateText: boxKept ? no : data.dates[shown],
      playing: out.playing,
      playLabel: out.playing === no ? no : playLabel(out.playing),
      notice: out.notice, quote: out.quote, layers: out.layers, known: out.known
    };
  }

  function navigate() {
    var a = named("navigate", arguments);
    remember(a.config);
    var player = browser.frontline.player;
    a.shown = player.shownDay();
    a.justEnded = player.justEnded();
    var no = noUpdate();
    var out = navigateStep(a, triggered(a.config, "navigate"), no);
    var jumped = out.day !== no || triggered(a.config, "navigate").indexOf("slider") >= 0;
    if (out.playing === no && a.playing === true && jumped &&
        triggered(a.config, "navigate").indexOf("tick") < 0) {
      out.playing = true;  /* moved by hand while playing: play on from there */
    }
    if (out.playing === true) {
      player.start({config: a.config, data: a.data, known: isKnown(a.known),
                    day: out.day === no ? a.slider : out.day,
                    rate: a.rate || playRate(a.config, 1)});
    } else if (out.playing === false) {
      player.stop();
    }
    return ordered(a.config, "navigate", out);
  }

  /* The last config seen, for the keyboard handler (keys.js) and the console. */
  function remember(config) { browser.dash_clientside.frontline.config = config; }

  function writeUrl(config, data, day, layers, known) {
    var loc = browser.location;
    var params = new URLSearchParams(loc.search);
    params.set("date", data.dates[day]);
    if (layers.length === config.layers.length) { params.delete("layers"); } else {
      params.set("layers", layers.join(","));
    }
    if (known) { params.set("known", "1"); } else { params.delete("known"); }
    var url = loc.pathname + "?" + params.toString().replace(/%2C/g, ",");
    if (url !== loc.pathname + loc.search) {
      browser.history.replaceState(browser.history.state, "", url);
    }
  }

  /* On the first frame, zoom the map so that every district fits the map's own box
     (the figure's fixed zoom suits one window width only). */
  function fitMap(map, config, data) {
    var div = browser.document.getElementById(config.ids.map);
    var b = data.bounds;
    if (!div || !b || !(b[2] > b[0]) || !div.clientWidth || !div.clientHeight) { return false; }
    var pad = 0.92, merc = function (lat) {
      return Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360));
    };
    var zx = Math.log2(div.clientWidth * pad * 360 / (512 * (b[2] - b[0])));
    var zy = Math.log2(div.clientHeight * pad * 2 * Math.PI / (512 * (merc(b[3]) - merc(b[1]))));
    var midY = (merc(b[1]) + merc(b[3])) / 2;
    var lat = (2 * Math.atan(Math.exp(midY)) - Math.PI / 2) * 180 / Math.PI;
    map.assign(["layout", "map", "zoom"], Math.round(Math.min(zx, zy) * 100) / 100);
    map.assign(["layout", "map", "center"], {lon: (b[0] + b[2]) / 2, lat: lat});
    return true;
  }

  /* The day stepped to by hand that Dash has not heard of yet (assets/stepper.js), or
     null: a callback that still sees the slider's older value draws this day. */
  function localDay() {
    var stepper = browser.frontline.stepper;
    return stepper ? stepper.localDay() : null;
  }

  function render() {
    var a = named("render", arguments);
    var config = a.config, data = a.data;
    var day = localDay() === null ? a.day : localDay();
    remember(config);
    if (typeof day !== "number" || !data) {
      return ordered(config, "render", {map: noUpdate(), chart: noUpdate()});
    }
    browser.dash_clientside.frontline.pageData = data;  /* for tests and the console */
    var layers = a.layers || [];
    var known = isKnown(a.known);
    var playing = browser.frontline.player.playing();
    /* Districts, front line and events are drawn straight through MapLibre
       (assets/mapview.js): no Plotly restyle per frame. While playing, the player
       draws them and writes the label in the same frame; the slider's day follows. */
    browser.frontline.mapView.draw({config: config, data: data, day: day, known: known,
                                    layers: layers, selected: a.selected}, !playing);
    if (!playing) { showLabel(config, labelText(data, day, known)); }
    var map = new browser.dash_clientside.Patch();
    var changed = false;
    if (drawn === null) { changed = fitMap(map, config, data) || changed; }
    var key = layers.join(",");
    if (drawn === null || drawn.layers !== key) {
      /* Plotly keeps the layers it draws (bridges, river and outline): toggled rarely. */
      Object.keys(config.traceLayers).forEach(function (name) {
        if (config.clientDrawn.indexOf(name) < 0) {
          map.assign(["data", config.traces[name], "visible"],
                     layers.indexOf(config.traceLayers[name]) >= 0);
        }
      });
      for (var c = 0; c < config.contextLayers; c++) {
        map.assign(["layout", "map", "layers", c, "visible"], layers.indexOf("context") >= 0);
      }
      changed = true;
    }
    drawn = {layers: key};
    /* The chart's cursor moves in place (`placeCursor`): a figure patch made Plotly
       redraw every point of the chart, 600+ ms a day on the stress theatre. The figure
       is patched only when its points change ("as known on", new page data), and then
       carries the cursor too, so that the figure Dash holds never puts an older one back. */
    var chart = new browser.dash_clientside.Patch();
    var repatch = patchKnownChart(chart, data, day, known);
    if (!placeCursor(config, data.dates[day]) || repatch) {
      chart.assign(["layout", "shapes", 0, "x0"], data.dates[day]);
      chart.assign(["layout", "shapes", 0, "x1"], data.dates[day]);
      repatch = true;
    }
    writeUrl(config, data, day, layers, known);
    return ordered(config, "render", {
      map: changed ? map.build() : noUpdate(),
      chart: repatch ? chart.build() : noUpdate()
    });
  }

  /* The chart's cursor (layout shape 0, a dotted line) moved to `iso` without a Plotly
     redraw: the shape's x in the graph's layout (so that any later redraw of Plotly's,
     a zoom or a resize, draws it there) and its SVG path's x, rewritten as Plotly would
     draw it. Returns false when the chart is not drawn yet (render then patches it). */
  function placeCursor(config, iso) {
    var gd = browser.document.querySelector("#" + config.ids.chart + " .js-plotly-plot");
    var full = gd && gd._fullLayout, xa = full && full.xaxis;
    var path = gd && gd.querySelector(".layer-above .shapelayer path[data-index='0']");
    var shapes = [gd && gd.layout && gd.layout.shapes, full && full.shapes];
    if (!xa || !path || typeof xa.d2l !== "function" || !shapes[0] || !shapes[0][0] ||
        !shapes[1] || !shapes[1][0]) { return false; }
    shapes.forEach(function (s) { s[0].x0 = iso; s[0].x1 = iso; });
    var x = Math.round((xa._offset + xa.l2p(xa.d2l(iso))) * 100) / 100;
    var d = path.getAttribute("d") || "";
    var moved = d.replace(/^M[^,]+,([^L]+)L[^,]+,/, "M" + x + ",$1L" + x + ",");
    if (moved !== d) { path.setAttribute("d", moved); }
    return true;
  }

  /* Known on `day`, for an event or a figure: the twin of `timeline.known.known_by` on
     the page day the page data sends as `pub` (a figure is never charted after it is
     known, so its `day` needs no check of its own). */
  function isPublished(item, day) { return item.pub !== null && item.pub <= day; }

  /* "As known on": blank the chart points not published by the day and hide the share
     lines (the timeline's hindsight); back to every figure when the mode is off.
     Returns whether the chart needs a patch (this, or new page data). */
  function patchKnownChart(chart, data, day, known) {
    var figs = data.figures;
    var key = known ? figs.filter(function (f) { return isPublished(f, day); }).length : -1;
    /* New page data may come with the server's new chart: patched once, cursor and all. */
    var fresh = data.version !== chartVersion;
    if (fresh) { chartVersion = data.version; chartDrawn = -1; }
    if (key === chartDrawn) { return fresh; }
    chartDrawn = key;
    data.chart_points.forEach(function (members, t) {
      chart.assign(["data", t, "y"], members.map(function (i) {
        return (!known || isPublished(figs[i], day)) ? figs[i].value : null;
      }));
    });
    for (var k = 0; k < data.chart_shares; k++) {
      chart.assign(["data", data.chart_points.length + k, "visible"], !known);
    }
    return true;
  }

  function el(type, props) {
    return {type: type, namespace: "dash_html_components", props: props};
  }

  /* The list is written straight into the page, not handed to Dash as children: Dash
     walking 40 new components (pattern-matching ids included) on every day cost the
     renderer about 270 ms a step on the stress theatre. `eventItems` still describes
     the items (as Dash component JSON, for the Node tests); `toDom` builds them with
     article text only ever as text nodes. The <ul> is React's but has no children of
     React's, so React never touches what is written here. */
  var TAGS = {Li: "li", Button: "button", Span: "span", Q: "q"};
  var listedKey = null;

  function toDom(doc, node, pick) {
    if (typeof node === "string") { return doc.createTextNode(node); }
    var p = node.props, e = doc.createElement(TAGS[node.type]);
    if (p.className) { e.className = p.className; }
    if (p.title) { e.title = p.title; }
    if (p.id && typeof p.id === "object") {
      var index = p.id.index;
      e.type = "button";
      e.setAttribute("data-index", String(index));
      e.addEventListener("click", function () { pick(index); });
    }
    var kids = p.children;
    if (kids !== undefined && kids !== null) {
      (Array.isArray(kids) ? kids : [kids]).forEach(function (k) {
        e.appendChild(toDom(doc, k, pick));
      });
    }
    return e;
  }

  function eventList() {
    var a = named("eventList", arguments);
    writeEventList(a.config, localDay() === null ? a.day : localDay(), a.known, a.selected,
                   a.data);
    return ordered(a.config, "eventList", {items: noUpdate()});
  }

  /* Write the events of `day`'s window into the list, unless it already holds them. */
  function writeEventList(config, day, known, selected, data) {
    var items = eventItems(config, day, known, selected, data);
    var ul = browser.document.getElementById(config.ids.eventList);
    if (items !== null && ul) {
      var key = JSON.stringify(items);
      if (key !== listedKey) {
        var doc = browser.document;
        var pick = function (index) {
          browser.dash_clientside.set_props(config.ids.selectedEvent, {data: index});
        };
        ul.replaceChildren.apply(ul, items.map(function (item) {
          return toDom(doc, item, pick);
        }));
        listedKey = key;
      }
    }
  }

  /* The list's items (Dash component JSON), or null when there is no day to list. */
  function eventItems(config, day, knownValue, selected, data) {
    if (typeof day !== "number" || !data) { return null; }
    var shown = visibleEvents(data, day, isKnown(knownValue));
    var events = decoded(data).events;
    if (shown.length === 0) {
      return [el("Li", {className: "fl-none", children: "No events in this window."})];
    }
    shown.sort(function (a, b) { return events[b[0]].day - events[a[0]].day; });
    /* A long list costs the page far more than it helps a reader: show the newest
       MAX_LISTED and say how many more there are (exports list them all). */
    var more = shown.length - MAX_LISTED;
    if (more > 0) { shown = shown.slice(0, MAX_LISTED); }
    var items = shown.map(function (pair) {
      var e = events[pair[0]];
      return el("Li", {children: el("Button", {
        id: {type: config.ids.eventItem, index: pair[0]}, n_clicks: 0,
        className: "fl-event" + (pair[0] === selected ? " fl-selected" : ""),
        title: "Show this event's place on the map",
        children: [
          el("Span", {className: "fl-event-head",
                      children: e.date + " · " + e.kind + " (" + e.status + ") · " + e.places}),
          el("Q", {className: "fl-event-quote", children: e.quote}),
          el("Span", {className: "fl-event-source", children: "— " + e.source}),
          /* a click rings the event's place: say beforehand when there is none to ring */
          e.lon.length ? "" : el("Span", {className: "fl-event-nopoint",
                                          children: "No place on the map to ring."})
        ]
      })});
    });
    if (more > 0) {
      items.push(el("Li", {className: "fl-none",
                           children: "… and " + more + " earlier events in this window."}));
    }
    return items;
  }

  /* The index of the clicked item (its pattern-matching id), or null: the events
     panel's list (assets/events_panel.js). */
  function clickedIndex(trigger) {
    if (!trigger || !trigger.value) { return null; }
    var raw = trigger.prop_id.slice(0, trigger.prop_id.lastIndexOf("."));
    try { return JSON.parse(raw).index; } catch { return null; }
  }

  function speed() {
    var a = named("speed", arguments);
    var rate = playRate(a.config, a.speed);
    browser.frontline.player.setRate(rate);
    return ordered(a.config, "speed", {rate: rate});
  }

  /* The MapLibre map under the Plotly graph (null until Plotly has drawn it): the one
     accessor the names layer, the place search and the comparison outline go through. */
  function mapInstance() {
    var f = browser.dash_clientside && browser.dash_clientside.frontline;
    var id = f && f.config ? f.config.ids.map : null;
    var div = id ? browser.document.getElementById(id) : null;
    var gd = div ? div.querySelector(".js-plotly-plot") : null;
    var sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    return sub && sub.map ? sub.map : null;
  }

  function eventHoverOf(data, i) { return eventHover(decoded(data).events[i]); }
  /* The hover text of a map point of `mapFeatures` (its properties), escaped. */
  function pointHover(data, props) {
    if (props.i >= 0) { return eventHoverOf(data, props.i); }
    return props.note >= 0 ? noteHover(decoded(data).notes[props.note]) : null;
  }
  function noteHoverOf(data, i) { return noteHover(decoded(data).notes[i]); }

  /* Pure: no DOM, no Dash. What Node's tests load. */
  var pure = {
    dayOfIso: dayOfIso, safe: safe, frame: frame, visibleEvents: visibleEvents,
    isPublished: isPublished, parseUrl: parseUrl, playRate: playRate,
    mapFeatures: mapFeatures, labelText: labelText, stepChange: stepChange, chartQuote: chartQuote,
    keyTarget: keyTarget, playLabel: playLabel, urlLayers: address.urlLayers,
    urlKnown: address.urlKnown, named: named, ordered: ordered, triggerNames: triggerNames,
    navigateStep: navigateStep, eventItems: eventItems, clickedIndex: clickedIndex,
    eventHover: eventHoverOf, noteHover: noteHoverOf, notesInForce: notesInForce,
    pointHover: pointHover,
    events: function (data) { return decoded(data).events; }
  };
  if (typeof module !== "undefined" && module.exports) { module.exports = pure; }
  if (browser) {
    /* Merged into what other assets (labels.js, search.js, events_panel.js) added, in
       whatever order Dash loads them. */
    var others = (browser.dash_clientside || {}).frontline || {};
    browser.frontline = Object.assign(browser.frontline || {}, {mapInstance: mapInstance});
    browser.dash_clientside = Object.assign({}, browser.dash_clientside, {
      frontline: Object.assign({}, others, pure, {navigate: navigate, render: render,
                                                  showLabel: showLabel,
                                                  placeCursor: placeCursor,
                                          eventList: eventList, writeEventList: writeEventList,
                                          writeUrl: writeUrl,
                                          speed: speed})
    });
  }
})(typeof window !== "undefined" ? window : null);
