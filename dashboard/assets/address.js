/* Frontline's dates and address bar: ISO days to page days, the date box and the
 * address's date, layers and "as known on" mode, and the notices that say why the page
 * shows something other than what was asked (a day past its month's end, a date outside
 * the battle, an unknown layer, an unreadable known=).
 *
 * Pure: no DOM, no Dash. Loaded before frontline.js (Dash loads assets in name order),
 * which reads it from `window.frontlineAddress`; Node loads it through frontline.js.
 */
(function (browser) {
  "use strict";

  var ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
  var DAY_MS = 86400000;

  function utc(y, m, d) { return Date.UTC(y, m - 1, d); }

  function dayOfIso(data, iso) {
    var s = ISO.exec(data.start);
    var m = ISO.exec(iso);
    if (!s || !m) { return null; }
    var y = +m[1], mo = +m[2], d = +m[3];
    if (mo < 1 || mo > 12 || d < 1) { return null; }
    var last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    if (d > last) { d = last; }  /* 2016-11-31: nearest valid date is the 30th */
    return Math.round((utc(y, mo, d) - utc(+s[1], +s[2], +s[3])) / DAY_MS);
  }

  function clampDay(data, day) { return Math.max(0, Math.min(data.dates.length - 1, day)); }

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];

  /* "" when `raw` is the date of `day`; else why another date is shown: a day past its
     month's end ("February 2017 has 28 days"), or a date outside the battle. */
  function nearestNotice(data, raw, day) {
    if (data.dates[day] === raw) { return ""; }
    var m = ISO.exec(raw), asked = raw, short = "";
    if (m) {
      var y = +m[1], mo = +m[2], last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
      if (mo >= 1 && mo <= 12 && +m[3] > last) {
        short = MONTHS[mo - 1] + " " + y + " has " + last + " days";
        asked = raw.slice(0, 8) + String(last);
      }
    }
    if (short && data.dates[day] === asked) { return short + "; showing " + asked + "."; }
    return (short ? short + ". " : "") + "No data for " + asked + " (the battle runs " +
      data.dates[0] + " to " + data.dates[data.dates.length - 1] +
      "); showing the nearest valid date, " + data.dates[day] + ".";
  }

  var YES = ["1", "yes", "true", "on"], NO = ["0", "no", "false", "off", ""];

  /* The map layers named in the address, and a notice naming any unknown one. No known
     name at all (`layers=foo`) shows every layer rather than a blank map; an empty
     value (`layers=`) is the analyst's own choice of no layer. */
  function urlLayers(config, raw) {
    if (raw === null) { return {layers: config.layers.slice(), notice: ""}; }
    var names = raw.split(",").map(function (n) { return n.trim().toLowerCase(); })
      .filter(function (n) { return n !== ""; });
    var known = names.filter(function (n) { return config.layers.indexOf(n) >= 0; });
    var unknown = names.filter(function (n) { return config.layers.indexOf(n) < 0; });
    if (unknown.length === 0) { return {layers: known, notice: ""}; }
    var notice = "No map layer named " + unknown.join(", ") + " (layers: " +
      config.layers.join(", ") + ")";
    if (known.length === 0) {
      return {layers: config.layers.slice(), notice: notice + "; showing every layer."};
    }
    return {layers: known, notice: notice + "; showing " + known.join(", ") + "."};
  }

  /* "As known on" from the address: known=1/yes/true/on, or 0/no/false/off. */
  function urlKnown(raw) {
    if (raw === null) { return {known: [], notice: ""}; }
    var v = raw.trim().toLowerCase();
    if (YES.indexOf(v) >= 0) { return {known: ["known"], notice: ""}; }
    if (NO.indexOf(v) >= 0) { return {known: [], notice: ""}; }
    return {known: [], notice: "known=" + raw + " is neither yes nor no; showing the " +
            "timeline as reported (use known=1 for \u201cas known on\u201d)."};
  }

  function parseUrl(config, data, search) {
    var params = new URLSearchParams(search || "");
    var raw = params.get("date");
    var day = 0, notice = "";
    var first = data.dates[0];
    if (raw !== null) {
      var d = dayOfIso(data, raw.trim());
      if (d === null) {
        notice = "The date in the address is not a valid YYYY-MM-DD date; showing " + first + ".";
      } else {
        day = clampDay(data, d);
        notice = nearestNotice(data, raw.trim(), day);
      }
    }
    var layers = urlLayers(config, params.get("layers"));
    var known = urlKnown(params.get("known"));
    notice = [notice, layers.notice, known.notice].filter(function (n) { return n; }).join(" ");
    return {day: day, notice: notice, layers: layers.layers, known: known.known};
  }

  var pure = {dayOfIso: dayOfIso, clampDay: clampDay, nearestNotice: nearestNotice,
              urlLayers: urlLayers, urlKnown: urlKnown, parseUrl: parseUrl};
  if (typeof module !== "undefined" && module.exports) { module.exports = pure; }
  if (browser) { browser.frontlineAddress = pure; }
})(typeof window !== "undefined" ? window : null);
