/* The event timeline panel: every event of the battle (not only the slider's window),
 * searchable by text and filtered by kind, actor (the chronology's actor column), side,
 * status, source and date range, with the count of matches.
 *
 * Clicking an event moves the map to its date and rings its place (an event with no
 * point on the map says so). The filters live in the address (`q`, `kind`, `actor`,
 * `side`, `status`, `source`, `from`, `to`; repeated keys for several values), so a
 * filtered view can be shared; reading and writing them is `urlFilters` and
 * `filterSearch` here, beside assets/address.js, which owns the date, layers and mode.
 * The CSV export of the filtered list takes the matching indices this file computes
 * (dashboard/events_panel.py, exports/event_list.py), so the rule has one owner.
 *
 * Pure functions (`filterEvents`, `urlFilters`, `filterSearch`) are tested by Node:
 * tests/js/events_panel.test.js.
 */
(function (browser) {
  "use strict";

  var MAX_SHOWN = 150;
  var LISTS = ["kind", "actor", "side", "status", "source"];
  var ISO = /^\d{4}-\d{2}-\d{2}$/;

  function lower(text) { return String(text || "").toLowerCase(); }

  /* "" and the filters as given, or a notice naming what cannot be used. */
  function checkDates(f) {
    var bad = ["from", "to"].filter(function (k) { return f[k] && !ISO.test(f[k].trim()); });
    return bad.length ? "Type " + bad.join(" and ") + " dates as YYYY-MM-DD; " +
      bad.map(function (k) { return "\u201c" + f[k] + "\u201d"; }).join(", ") +
      " ignored." : "";
  }

  /* Indices of `events` (decoded page events) that pass the filters `f`, newest first.
     `dayOf(iso)` turns a date into a page day (address.js's dayOfIso). */
  function filterEvents(events, f, dayOf) {
    var words = lower(f.text).split(/\s+/).filter(function (w) { return w !== ""; });
    var from = f.from && ISO.test(f.from.trim()) ? dayOf(f.from.trim()) : null;
    var to = f.to && ISO.test(f.to.trim()) ? dayOf(f.to.trim()) : null;
    var sets = {};
    LISTS.forEach(function (k) { sets[k] = (f[k] || []).length ? f[k] : null; });
    var out = [];
    events.forEach(function (e, i) {
      if (from !== null && e.end < from) { return; }
      if (to !== null && e.day > to) { return; }
      for (var k = 0; k < LISTS.length; k++) {
        var name = LISTS[k];
        if (sets[name] && sets[name].indexOf(e[name]) < 0) { return; }
      }
      if (words.length) {
        var hay = lower([e.label, e.kind, e.status, e.date, e.places, e.quote, e.source,
                         e.actor, e.side].join(" "));
        for (var w = 0; w < words.length; w++) { if (hay.indexOf(words[w]) < 0) { return; } }
      }
      out.push(i);
    });
    out.sort(function (a, b) { return events[b].day - events[a].day || b - a; });
    return out;
  }

  /* The filters named in an address (`search`, "?q=...&kind=capture&kind=attack"). */
  function urlFilters(search) {
    var params = new URLSearchParams(search || "");
    var f = {text: params.get("q") || "", from: params.get("from") || "",
             to: params.get("to") || ""};
    LISTS.forEach(function (k) { f[k] = params.getAll(k).filter(function (v) { return v; }); });
    return f;
  }

  /* The address `search` with the filters `f` written in (other keys kept). */
  function filterSearch(search, f) {
    var params = new URLSearchParams(search || "");
    ["q", "from", "to"].concat(LISTS).forEach(function (k) { params.delete(k); });
    if (f.text) { params.set("q", f.text); }
    LISTS.forEach(function (k) {
      (f[k] || []).forEach(function (v) { params.append(k, v); });
    });
    if (f.from) { params.set("from", f.from); }
    if (f.to) { params.set("to", f.to); }
    var text = params.toString().replace(/%2C/g, ",");
    return text ? "?" + text : "";
  }

  /* Values of a list filter that no event has (from a hand-edited address). */
  function unknownValues(events, f) {
    var out = [];
    LISTS.forEach(function (k) {
      (f[k] || []).forEach(function (v) {
        if (!events.some(function (e) { return e[k] === v; })) { out.push(k + " \u201c" + v + "\u201d"); }
      });
    });
    return out;
  }

  var pure = {filterEvents: filterEvents, urlFilters: urlFilters, filterSearch: filterSearch,
              checkDates: checkDates, unknownValues: unknownValues};
  if (typeof module !== "undefined" && module.exports) { module.exports = pure; }
  if (!browser) { return; }

  function fl() { return browser.dash_clientside.frontline; }
  function el(type, props) {
    return {type: type, namespace: "dash_html_components", props: props};
  }
  function filtersOf(a) {
    return {text: a.text || "", kind: a.kind || [], actor: a.actor || [], side: a.side || [],
            status: a.status || [], source: a.source || [], from: a.from || "",
            to: a.to || ""};
  }

  /* Clientside callback: the filters from the address, once on load. */
  function timelineFromUrl() {
    var a = fl().named("timelineFromUrl", arguments);
    var f = urlFilters(a.search);
    /* A value no event has would be dropped by its dropdown without a word: name it. */
    var unknown = a.data ? unknownValues(fl().events(a.data), f) : [];
    return fl().ordered(a.config, "timelineFromUrl", {
      text: f.text, kind: f.kind, actor: f.actor, side: f.side, status: f.status,
      source: f.source, from: f.from, to: f.to,
      note: unknown.length ? "The address filters on " + unknown.join(", ") +
        ", which no event has; that filter is left out." : ""});
  }

  /* Clientside callback: the list, the count and the matching indices for the filters;
     the filters go into the address. */
  function eventTimeline() {
    var a = fl().named("eventTimeline", arguments);
    var no = browser.dash_clientside.no_update;
    if (!a.data) {
      return fl().ordered(a.config, "eventTimeline", {items: no, count: no, matches: no});
    }
    var events = fl().events(a.data);
    var f = filtersOf(a);
    var dayOf = function (iso) { return browser.frontlineAddress.dayOfIso(a.data, iso); };
    var found = filterEvents(events, f, dayOf);
    var notes = [checkDates(f)];
    var count = found.length + " of " + events.length + " events match" +
      (found.length > MAX_SHOWN ? "; the newest " + MAX_SHOWN + " are listed" : "") + ".";
    var items = found.slice(0, MAX_SHOWN).map(function (i) {
      var e = events[i];
      var head = e.date + " \u00b7 " + e.kind + " (" + e.status + ") \u00b7 " + e.places;
      return el("Li", {children: el("Button", {
        id: {type: a.config.ids.timelineItem, index: i}, n_clicks: 0,
        className: "fl-event" + (i === a.selected ? " fl-selected" : ""),
        title: "Show this event's date and place on the map",
        children: [
          el("Span", {className: "fl-event-head", children: head}),
          e.actor ? el("Span", {className: "fl-event-actor",
                                children: "Actor: " + e.actor + (e.side ? " (" + e.side + ")" : "")})
            : "",
          el("Q", {className: "fl-event-quote", children: e.quote}),
          el("Span", {className: "fl-event-source", children: "\u2014 " + e.source})
        ]})});
    });
    if (found.length === 0) {
      items = [el("Li", {className: "fl-none", children: "No event matches these filters."})];
    }
    var loc = browser.location;
    var search = filterSearch(loc.search, f);
    if (search !== loc.search) {
      browser.history.replaceState(browser.history.state, "", loc.pathname + search);
    }
    return fl().ordered(a.config, "eventTimeline", {
      items: items, count: [count].concat(notes.filter(function (n) { return n; })).join(" "),
      matches: found});
  }

  /* Clientside callback: an event of the timeline clicked: the map goes to its date
     (navigate reads `pick`), the event is selected (render rings it) and, when it has no
     point on the map, the panel says so. */
  function pickTimeline() {
    var a = fl().named("pickTimeline", arguments);
    var ctx = browser.dash_clientside.callback_context;
    var trigger = ctx && ctx.triggered && ctx.triggered[0];
    var i = fl().clickedIndex(trigger);
    var no = browser.dash_clientside.no_update;
    if (i === null || !a.data) {
      return fl().ordered(a.config, "pickTimeline", {pick: no, selected: no, note: no});
    }
    var e = fl().events(a.data)[i];
    var note = e.lon.length ? "" : "This event has no place on the map (" + e.places +
      (e.status === "expected" ? "; a forecast is never drawn" : "") +
      "): the map shows its date, " + a.data.dates[Math.max(0, Math.min(
        a.data.dates.length - 1, e.day))] + ".";
    return fl().ordered(a.config, "pickTimeline", {
      pick: {day: e.day, index: i, at: Date.now()}, selected: i, note: note});
  }

  browser.dash_clientside = Object.assign({}, browser.dash_clientside);
  browser.dash_clientside.frontline = Object.assign(
    browser.dash_clientside.frontline || {},
    {timelineFromUrl: timelineFromUrl, eventTimeline: eventTimeline,
     pickTimeline: pickTimeline, filterEvents: filterEvents});
})(typeof window !== "undefined" ? window : null);
