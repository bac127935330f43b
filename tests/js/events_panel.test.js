/* The event timeline panel's filters and their place in the address
 * (assets/events_panel.js). Events here are SYNTHETIC. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const panel = require(path.join(ROOT, "dashboard", "assets", "events_panel.js"));

const EVENTS = [
  {day: 0, end: 0, kind: "capture", label: "capture", status: "reported", date: "2017-01-01",
   places: "al-Test", quote: "forces took al-Test", source: "Test Wire", actor: "CTS",
   side: "government"},
  {day: 3, end: 5, kind: "attack", label: "attack", status: "claimed", date: "2017-01",
   places: "Old Quarter", quote: "a car bomb struck", source: "Other Wire", actor: "",
   side: "isis"},
  {day: 9, end: 9, kind: "capture", label: "capture", status: "reported", date: "2017-01-10",
   places: "New Quarter", quote: "the 9th Division entered", source: "Test Wire",
   actor: "9th Division", side: "government"},
];
const START = Date.UTC(2017, 0, 1);
const dayOf = (iso) => Math.round((Date.parse(iso + "T00:00:00Z") - START) / 86400000);
const none = {text: "", kind: [], actor: [], side: [], status: [], source: [], from: "", to: ""};
const run = (f) => panel.filterEvents(EVENTS, {...none, ...f}, dayOf);

test("no filter: every event, newest first", () => {
  assert.deepEqual(run({}), [2, 1, 0]);
});

test("each filter narrows the list, and they combine", () => {
  assert.deepEqual(run({kind: ["capture"]}), [2, 0]);
  assert.deepEqual(run({actor: ["CTS"]}), [0]);
  assert.deepEqual(run({side: ["isis"]}), [1]);
  assert.deepEqual(run({status: ["claimed", "reported"]}), [2, 1, 0]);
  assert.deepEqual(run({source: ["Test Wire"], kind: ["capture"], actor: ["9th Division"]}), [2]);
});

test("text search: every word, in any field, any case", () => {
  assert.deepEqual(run({text: "car BOMB"}), [1]);
  assert.deepEqual(run({text: "division new"}), [2]);
  assert.deepEqual(run({text: "test wire"}), [2, 0]);
  assert.deepEqual(run({text: "nowhere"}), []);
});

test("a date range keeps the events that overlap it", () => {
  assert.deepEqual(run({from: "2017-01-05", to: "2017-01-10"}), [2, 1]);  /* days 3-5 overlap */
  assert.deepEqual(run({from: "2017-01-07"}), [2]);
  assert.deepEqual(run({to: "2017-01-02"}), [0]);
  assert.deepEqual(run({from: "5 Jan"}), [2, 1, 0]);  /* unreadable: ignored, and said so */
  assert.match(panel.checkDates({...none, from: "5 Jan"}), /YYYY-MM-DD.*5 Jan.*ignored/);
  assert.equal(panel.checkDates({...none, from: "2017-01-05"}), "");
});

test("filters round-trip through the address and keep its other keys", () => {
  const f = {...none, text: "car bomb", kind: ["capture", "attack"], actor: ["9th Division"],
             from: "2017-01-02"};
  const search = panel.filterSearch("?date=2017-01-05&layers=districts,front", f);
  assert.match(search, /date=2017-01-05/);
  assert.match(search, /layers=districts,front/);
  assert.deepEqual(panel.urlFilters(search), {...f, to: ""});
  assert.equal(panel.filterSearch("?q=x&kind=attack", none), "");
});

test("a value no event has is named", () => {
  assert.deepEqual(panel.unknownValues(EVENTS, {...none, kind: ["capture", "parade"]}),
                   ["kind \u201cparade\u201d"]);
});
