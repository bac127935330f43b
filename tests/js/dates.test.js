"use strict";
/* Dates in the address bar and the date box: ISO days to page days, and back. */
const test = require("node:test");
const assert = require("node:assert/strict");
const {frontline: f, config, syntheticData} = require("./helpers.js");

const data = syntheticData();

test("dayOfIso counts days from the page's start, across months and leap years", () => {
  assert.equal(f.dayOfIso(data, "2017-01-30"), 0);
  assert.equal(f.dayOfIso(data, "2017-02-03"), 4);
  assert.equal(f.dayOfIso(data, "2017-01-29"), -1);
  assert.equal(f.dayOfIso({start: "2016-02-28"}, "2016-03-01"), 2);
  assert.equal(f.dayOfIso({start: "2017-02-28"}, "2017-03-01"), 1);
});

test("dayOfIso takes a day past the month's end as its last day, refuses the rest", () => {
  assert.equal(f.dayOfIso(data, "2017-02-31"), f.dayOfIso(data, "2017-02-28"));
  for (const bad of ["2017-13-01", "2017-00-10", "2017-01-00", "17-01-30", "2017-1-30",
                     " 2017-01-30", "2017-01-30x", "", "yesterday"]) {
    assert.equal(f.dayOfIso(data, bad), null, bad);
  }
});

test("parseUrl with no address opens the first day, every layer, not as known", () => {
  assert.deepEqual(f.parseUrl(config, data, ""),
                   {day: 0, notice: "", layers: config.layers, known: []});
});

test("parseUrl reads date, layers (known ones only) and the as-known mode", () => {
  const st = f.parseUrl(config, data, "?date=2017-02-01&layers=front,events&known=1");
  assert.deepEqual(st, {day: 2, notice: "", layers: ["front", "events"], known: ["known"]});
  assert.deepEqual(f.parseUrl(config, data, "?layers=").layers, []);
});

test("parseUrl shows the nearest valid date, and says so", () => {
  const late = f.parseUrl(config, data, "?date=2018-01-01");
  assert.equal(late.day, 4);
  assert.match(late.notice, /No data for 2018-01-01 .*nearest valid date, 2017-02-03\./);
  const bad = f.parseUrl(config, data, "?date=soon");
  assert.equal(bad.day, 0);
  assert.match(bad.notice, /not a valid YYYY-MM-DD date; showing 2017-01-30/);
});

test("parseUrl names a layer it does not know, and never blanks the map for it", () => {
  const foo = f.parseUrl(config, data, "?layers=foo");
  assert.deepEqual(foo.layers, config.layers);
  assert.match(foo.notice, /^No map layer named foo \(layers: districts, .*\); showing every layer\.$/);
  const some = f.parseUrl(config, data, "?layers=front,nope,events");
  assert.deepEqual(some.layers, ["front", "events"]);
  assert.match(some.notice, /No map layer named nope .*; showing front, events\./);
  assert.deepEqual(f.parseUrl(config, data, "?layers=Front").layers, ["front"]);
});

test("parseUrl takes known=yes (and its kin), and says when it cannot read the value", () => {
  for (const yes of ["1", "yes", "true", "on", "YES"]) {
    assert.deepEqual(f.parseUrl(config, data, "?known=" + yes).known, ["known"], yes);
  }
  for (const no of ["0", "no", "false", "off"]) {
    const st = f.parseUrl(config, data, "?known=" + no);
    assert.deepEqual([st.known, st.notice], [[], ""], no);
  }
  const odd = f.parseUrl(config, data, "?known=maybe");
  assert.deepEqual(odd.known, []);
  assert.match(odd.notice, /known=maybe is neither yes nor no/);
});

test("parseUrl: a day past the month's end in the address names the month's length", () => {
  const st = f.parseUrl(config, data, "?date=2017-01-32");
  assert.equal(st.day, 1);
  assert.equal(st.notice, "January 2017 has 31 days; showing 2017-01-31.");
});
