/* District names over the map (assets/labels.js) and the place search (assets/search.js):
 * their pure parts. Places here are SYNTHETIC. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const {placeLabels} = require(path.join(ROOT, "dashboard", "assets", "labels.js"));
const {fold, matchPlaces} = require(path.join(ROOT, "dashboard", "assets", "search.js"));

/* Three districts in a row along a parallel, largest first, and a landmark. Screen
   pixels are degrees times `scale`, so zooming in is a larger scale. */
function places() {
  return {
    id: ["big", "mid", "small", "mosque"],
    label: ["Big Quarter", "Middle", "Small", "Old Mosque"],
    ar: ["الحي الكبير", "الوسط", "", "الجامع"],
    lon: [0.10, 0.13, 0.16, 0.13],
    lat: [0.5, 0.5, 0.5, 0.5],
    bbox: [[0.05, 0.45, 0.15, 0.55], [0.12, 0.48, 0.14, 0.52], [0.155, 0.49, 0.165, 0.51],
           [0.12, 0.49, 0.14, 0.51]],
    area: [10, 2, 0.5, 0],
    labelled: [true, true, true, false],
    names: [["Big Quarter", "Kabir", "الحي الكبير"], ["Middle", "al-Wasat"],
            ["Small", "Saghir"], ["Old Mosque", "Jami' al-Qadim", "الجامع"]]
  };
}
const measure = (text) => text.length * 7;
const at = (scale) => (lon, lat) => ({x: lon * scale, y: (1 - lat) * scale});

test("far out only the largest district is named; zoomed in, more names appear", () => {
  const out = placeLabels(places(), at(1000), measure, {width: 1000, height: 1000}, false);
  assert.deepEqual(out.map((l) => l.text), ["Big Quarter"]);
  const near = placeLabels(places(), at(8000), measure, {width: 8000, height: 8000}, false);
  assert.deepEqual(near.map((l) => l.text), ["Big Quarter", "Middle", "Small"]);
});

test("a name that would overlap a larger district's name is left out", () => {
  const p = places();
  p.lon[1] = 0.101;  /* the middle district's label point right on the big one's */
  const out = placeLabels(p, at(8000), measure, {width: 8000, height: 8000}, false);
  assert.ok(!out.some((l) => l.text === "Middle"));
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) {
      const a = out[i], b = out[j];
      const apart = Math.abs(a.x - b.x) * 2 >= measure(a.text) + measure(b.text) ||
        Math.abs(a.y - b.y) >= 15;
      assert.ok(apart, `${a.text} overlaps ${b.text}`);
    }
  }
});

test("names off screen are not placed; the landmark is never labelled", () => {
  const out = placeLabels(places(), at(8000), measure, {width: 700, height: 8000}, false);
  assert.deepEqual(out.map((l) => l.text), []);
});

test("Arabic names when asked, the English one where the gazetteer has none", () => {
  const out = placeLabels(places(), at(8000), measure, {width: 8000, height: 8000}, true);
  assert.deepEqual(out.map((l) => l.text), ["الحي الكبير", "الوسط", "Small"]);
});

test("search folds case, accents, apostrophes and Arabic vowel marks", () => {
  assert.equal(fold("al-Zirā'i"), "al zirai");
  assert.equal(fold("الحَيّ"), fold("الحي"));
  assert.equal(fold("أربيل"), fold("اربيل"));
});

test("search finds a place by its name, a variant or its Arabic name, best first", () => {
  const p = places();
  assert.deepEqual(matchPlaces(p, "mid").map((m) => m.label), ["Middle"]);
  const byVariant = matchPlaces(p, "wasat");
  assert.equal(byVariant[0].label, "Middle");
  assert.equal(byVariant[0].matched, "al-Wasat");
  assert.equal(matchPlaces(p, "jami al qadim")[0].label, "Old Mosque");
  assert.equal(matchPlaces(p, "الجامع")[0].label, "Old Mosque");
  assert.deepEqual(matchPlaces(p, "m"), []);  /* one letter finds nothing yet */
  assert.deepEqual(matchPlaces(p, "zzz"), []);
  /* a whole-name match ranks before a name that only starts with the query */
  p.label.push("Mid"); p.names.push(["Mid"]); p.ar.push(""); p.labelled.push(false);
  p.id.push("mid2");
  assert.deepEqual(matchPlaces(p, "mid").map((m) => m.label), ["Mid", "Middle"]);
});
