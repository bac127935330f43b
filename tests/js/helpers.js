/* Shared by the Node tests: frontline.js's pure functions, the client config Python
 * sends (tests/js/client-config.json, kept current by tests/unit/test_client_config.py)
 * and a SYNTHETIC page data store small enough to reason about by hand.
 */
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const frontline = require(path.join(ROOT, "dashboard", "assets", "frontline.js"));
const config = JSON.parse(fs.readFileSync(path.join(__dirname, "client-config.json"), "utf8"));

/* Five days from 2017-01-30 (over a month end), two districts, two front lines, three
   events and three figures. SYNTHETIC: no real reporting. */
function syntheticData() {
  const strings = ["capture", "Capture", "reported", "2017-01-31", "al-Test", "quote one",
                   "quote one", "Test Wire", "attack", "Attack", "claimed", "2017-02-01",
                   "<b>x</b> & y", "b &lt; c", "Other Wire"];
  return {
    start: "2017-01-30",
    dates: ["2017-01-30", "2017-01-31", "2017-02-01", "2017-02-02", "2017-02-03"],
    fade: 1,
    bounds: [43.0, 36.3, 43.2, 36.4],
    district_ids: ["a", "b"],
    views: {
      main: {z: [[4, 4], [0, 4], [0, 4], [0, 6], [0, 0]],
             hover: [[0, 0], [1, 0], [1, 0], [1, 2], [1, 1]],
             texts: ["isis", "gov since 2017-01-31", "contested"],
             front: [-1, 0, 0, 1, 1], changes: [1, 3, 4]},
      known: {z: [[4, 4], [4, 4], [0, 4], [0, 4], [0, 0]],
              hover: [[0, 0], [0, 0], [1, 0], [1, 0], [1, 1]],
              texts: ["isis", "gov (as known)"],
              front: [-1, -1, 0, 0, 1], changes: [2, 4]},
    },
    front_edges: {lon: [[43.1, 43.11], [43.12, 43.13]], lat: [[36.31, 36.32], [36.33, 36.34]]},
    fronts: [[0], [0, 1]],
    events: {
      day: [1, 2, 3], end: [1, 2, 3], pub: [1, 4, null],
      kind: [0, 8, 0], label: [1, 9, 1], status: [2, 10, 2], date: [3, 11, 3],
      places: [4, 4, 4], quote: [5, 12, 5], lines: [6, 13, 6], source: [7, 14, 7],
      lon: [[43.1], [43.15, 43.16], []], lat: [[36.35], [36.36, 36.37], []],
    },
    strings: strings,
    kind_colors: {capture: "#0072B2", attack: "#D55E00"},
    figures: [
      {day: 1, date: "2017-01-31", quote: "q", source: "s", series: "killed", value: 10, pub: 1},
      {day: 1, date: "2017-01-31", quote: "q", source: "s", series: "killed", value: 20, pub: 3},
      {day: 2, date: "2017-02-01", quote: "q", source: "s", series: "killed", value: 30,
       pub: null},
    ],
    chart_points: [[0, 1, 2]],
    chart_shares: 1,
  };
}

module.exports = {ROOT, frontline, config, syntheticData};
