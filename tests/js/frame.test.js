"use strict";
/* What the map shows on a day (`frame`, the twin of viewmodel.page_data.frame), which
 * events are visible, which figures are known, and stepping between changes. */
const test = require("node:test");
const assert = require("node:assert/strict");
const {frontline: f, syntheticData} = require("./helpers.js");

const data = syntheticData();

test("frame gives the day's codes, hover texts and front line", () => {
  const fr = f.frame(data, 3, false);
  assert.deepEqual(fr.z, [0, 6]);
  assert.deepEqual(fr.text, ["gov since 2017-01-31", "contested"]);
  assert.deepEqual(fr.front, {lon: [43.1, 43.11, null, 43.12, 43.13],
                              lat: [36.31, 36.32, null, 36.33, 36.34]});
  assert.deepEqual(f.frame(data, 0, false).front, {lon: [], lat: []});
});

test("an unchanged front line is the same object from day to day (no repaint)", () => {
  assert.equal(f.frame(data, 1, false).front, f.frame(data, 2, false).front);
});

test("frame as known reads the known view", () => {
  const fr = f.frame(data, 1, true);
  assert.deepEqual(fr.z, [4, 4]);
  assert.deepEqual(fr.text, ["isis", "isis"]);
  assert.deepEqual(fr.front, {lon: [], lat: []});
});

test("events show from their day and fade out over `fade` days", () => {
  assert.deepEqual(f.visibleEvents(data, 0, false), []);
  assert.deepEqual(f.visibleEvents(data, 1, false), [[0, 1]]);
  assert.deepEqual(f.visibleEvents(data, 2, false), [[0, 0.5], [1, 1]]);
  assert.deepEqual(f.visibleEvents(data, 4, false), [[2, 0.5]]);
});

test("as known, an event shows only once published; an undated publication never", () => {
  assert.deepEqual(f.visibleEvents(data, 2, true), [[0, 0.5]]);
  assert.deepEqual(f.visibleEvents(data, 3, true), []);
  assert.deepEqual(f.frame(data, 3, false).events, [[1, 0.5], [2, 1]]);
});

test("isPublished: known from the day it was published (timeline.known.known_by)", () => {
  const [early, late, undated] = data.figures;
  assert.equal(f.isPublished(early, 0), false);  // published 1
  assert.equal(f.isPublished(early, 1), true);
  assert.equal(f.isPublished(late, 2), false);   // published 3
  assert.equal(f.isPublished(late, 3), true);
  assert.equal(f.isPublished(undated, 4), false);
  // The chart day never passes `pub` in page data; knowability reads `pub` alone.
  assert.equal(f.isPublished({day: 5, pub: 2}, 3), true);
});

test("stepChange jumps to the previous or next change of the view, else stays", () => {
  assert.equal(f.stepChange(data, 0, false, 1), 1);
  assert.equal(f.stepChange(data, 1, false, 1), 3);
  assert.equal(f.stepChange(data, 4, false, 1), 4);
  assert.equal(f.stepChange(data, 4, false, -1), 3);
  assert.equal(f.stepChange(data, 1, false, -1), 1);
  assert.equal(f.stepChange(data, 0, true, 1), 2);  // the known view's changes
});

test("event hovers are escaped like Python's, around the already-escaped quote lines", () => {
  assert.equal(f.eventHover(data, 1),
               "<b>Attack</b> (claimed), 2017-02-01<br>al-Test<br><i>“b &lt; c”</i><br>" +
               "— Other Wire, 2017-02-01");
});

test("the event list shows the newest first, each item id from the config", () => {
  const {config} = require("./helpers.js");
  const items = f.eventItems(config, 2, [], 1, data);
  const buttons = items.map((li) => li.props.children);
  assert.deepEqual(buttons.map((b) => b.props.id),
                   [{type: config.ids.eventItem, index: 1}, {type: config.ids.eventItem, index: 0}]);
  assert.equal(buttons[0].props.className, "fl-event fl-selected");
  assert.equal(buttons[0].props.children[1].props.children, "<b>x</b> & y");  // React text
  assert.equal(f.eventItems(config, 0, [], null, data)[0].props.children,
               "No events in this window.");
  assert.equal(f.eventItems(config, undefined, [], null, data), null);
});

test("mapFeatures: codes, the front as GeoJSON lines, events as points with escaped hovers", () => {
  const m = f.mapFeatures(data, 3, false, 1);
  assert.deepEqual(m.z, [0, 6]);
  assert.deepEqual(m.front.features[0].geometry,
                   {type: "MultiLineString",
                    coordinates: [[[43.1, 36.31], [43.11, 36.32]], [[43.12, 36.33], [43.13, 36.34]]]});
  assert.equal(f.mapFeatures(data, 0, false, null).front.features.length, 0);
  const points = m.events.features;
  assert.deepEqual(points.map((p) => p.properties.i), [1, 1]);
  assert.deepEqual(points[0].geometry.coordinates, [43.15, 36.36]);
  assert.equal(points[0].properties.opacity, 0.5);
  // A point carries its index, not its text: the hover is looked up from it.
  assert.equal(points[0].properties.hover, undefined);
  const hover = f.pointHover(data, points[0].properties);
  assert.ok(hover.startsWith("<b>Attack</b>"));
  assert.ok(hover.includes("b &lt; c"));  // the escaped lines, as sent
  assert.equal(m.ring.features.length, 2);  // event 1, selected, has two places
  // The same events again are the same collection: MapLibre gets no setData for it.
  const again = f.mapFeatures(data, 3, false, 1);
  assert.equal(f.mapFeatures(data, 3, false, 1).events, again.events);
  assert.equal(f.labelText(data, 3, true), "2017-02-02 (as known then)");
});
