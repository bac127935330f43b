"use strict";
/* Playback timing, the keyboard table, the named arguments of the callbacks, and
 * navigate's moves, all with the client config Python sends. */
const test = require("node:test");
const assert = require("node:assert/strict");
const {frontline: f, config, syntheticData} = require("./helpers.js");

const NO = {noUpdate: true};
const data = syntheticData();

test("play: 2 days a second at 1x, 16 at 8x", () => {
  assert.equal(f.playRate(config, 1), 2);
  assert.equal(f.playRate(config, undefined), 2);
  for (const speed of [0.5, 1, 2, 4, 8]) {
    assert.equal(f.playRate(config, speed), 2 * speed, `speed ${speed}`);
  }
});

test("keys: arrows step a day, shifted a change; Space plays unless a button has it", () => {
  const [prevDay, prevChange] = config.keys.ArrowLeft;
  const play = config.keys[" "][0];
  assert.equal(f.keyTarget(config, "ArrowLeft", false, "page"), prevDay);
  assert.equal(f.keyTarget(config, "ArrowLeft", true, "button"), prevChange);
  assert.equal(f.keyTarget(config, " ", false, "page"), play);
  assert.equal(f.keyTarget(config, " ", false, "button"), null);  // the button's own key
  assert.equal(f.keyTarget(config, "a", false, "page"), null);
  for (const key of ["ArrowLeft", "ArrowRight", " "]) {
    assert.equal(f.keyTarget(config, key, false, "field"), null, key);  // typing, slider
  }
});

test("keys: a clicked checkbox or radio keeps neither the arrows nor Space", () => {
  assert.equal(f.keyTarget(config, "ArrowRight", false, "toggle"), config.keys.ArrowRight[0]);
  assert.equal(f.keyTarget(config, "ArrowLeft", true, "toggle"), config.keys.ArrowLeft[1]);
  assert.equal(f.keyTarget(config, " ", false, "toggle"), config.keys[" "][0]);
});

test("named zips the arguments by the config's names; a count mismatch is an error", () => {
  const names = config.callbacks.render.inputs.map((i) => i.name);
  const args = names.map((n) => "value of " + n);
  const a = f.named("render", [...args, config]);
  for (const n of names) { assert.equal(a[n], "value of " + n); }
  assert.equal(a.config, config);
  assert.throws(() => f.named("render", [...args.slice(1), config]), /render got/);
});

test("ordered puts outputs in the config's order and refuses a missing one", () => {
  const names = config.callbacks.navigate.outputs;
  const values = Object.fromEntries(names.map((n, i) => [n, i]));
  assert.deepEqual(f.ordered(config, "navigate", values), names.map((_, i) => i));
  assert.equal(f.ordered(config, "speed", {rate: 16}), 16);
  assert.throws(() => f.ordered(config, "speed", {}), /no output named rate/);
});

test("trigger names come from the prop_ids of the inputs, states never fire", () => {
  const byName = Object.fromEntries(config.callbacks.navigate.inputs.map((i) => [i.name, i]));
  assert.deepEqual(f.triggerNames(config, "navigate", [byName.nextDay.trigger, "."]),
                   ["nextDay"]);
  assert.equal(byName.data.trigger, null);
  assert.equal(config.callbacks.pickTimeline.inputs[0].trigger, null);  // pattern-matching
});

/* navigate's arguments by name, as Dash would give them on a page at `day`. */
function args(day, extra) {
  const a = {config: config, data: data, slider: day, search: "", playing: false, known: [],
             rate: 2};
  for (const input of config.callbacks.navigate.inputs) {
    if (!(input.name in a)) { a[input.name] = null; }
  }
  return Object.assign(a, extra || {});
}

function step(day, fired, extra) {
  const out = f.navigateStep(args(day, extra), fired, NO);
  // Every output the config names is given, in a form `ordered` accepts.
  assert.equal(f.ordered(config, "navigate", out).length, config.callbacks.navigate.outputs.length);
  return out;
}

test("navigate returns every output the config names", () => {
  assert.deepEqual(Object.keys(step(0, [])).sort(),
                   [...config.callbacks.navigate.outputs].sort());
});

test("navigate on load reads the address and stops playing", () => {
  const out = step(0, [], {search: "?date=2017-02-02&known=1"});
  assert.equal(out.day, 3);
  assert.equal(out.dateText, "2017-02-02");
  assert.equal(out.playing, false);
  assert.deepEqual(out.known, ["known"]);
});

test("navigate steps days and changes, clamped to the battle", () => {
  assert.equal(step(2, ["nextDay"]).day, 3);
  assert.equal(step(4, ["nextDay"]).day, 4);
  assert.equal(step(0, ["prevDay"]).day, 0);
  assert.equal(step(1, ["nextChange"]).day, 3);
  assert.equal(step(0, ["nextChange"], {known: ["known"]}).day, 2);
  assert.equal(step(3, ["prevChange"]).dateText, "2017-01-31");
});

test("navigate plays: a tick moves to the day the player drew, the last day stops", () => {
  assert.equal(step(0, ["tick"], {tick: 3, playing: true}).day, 3);
  assert.equal(step(1, ["tick"], {tick: 9, playing: true}).day, 4);  // clamped
  const atEnd = step(3, ["tick"], {tick: 4, playing: true});
  assert.equal(atEnd.day, 4);
  assert.equal(atEnd.playing, false);
  const restart = step(4, ["play"], {playing: false});
  assert.equal(restart.day, 0);
  assert.equal(restart.playing, true);
  assert.deepEqual(restart.playLabel, f.playLabel(true));
  assert.deepEqual(step(2, ["play"], {playing: true}).playLabel, f.playLabel(false));
});

test("Pause stops on the day the map shows, even a frame ahead of the slider", () => {
  const paused = step(2, ["play"], {playing: true, shown: 3});
  assert.equal(paused.playing, false);
  assert.equal(paused.day, 3);
  assert.equal(paused.dateText, "2017-02-02");
  assert.equal(step(3, ["play"], {playing: true, shown: 3}).day, NO);
});

/* Every character of a label's text (Dash component JSON or a string). */
function labelText(node) {
  if (typeof node === "string") { return node; }
  if (Array.isArray(node)) { return node.map(labelText).join(""); }
  return node && node.props ? labelText(node.props.children || "") : "";
}

test("the play button's icon is drawn, not a font glyph that may be missing", () => {
  for (const playing of [true, false]) {
    const label = f.playLabel(playing);
    assert.match(labelText(label), /^ (Play|Pause)$/);
    assert.equal(label[0].props.className, "fl-icon " + (playing ? "fl-icon-pause" : "fl-icon-play"));
  }
});

test("navigate reads the date box, and says what a bad date should look like", () => {
  assert.equal(step(0, ["dateText"], {dateText: " 2017-02-01 "}).day, 2);
  const bad = step(1, ["dateText"], {dateText: "Feb 1"});
  assert.equal(bad.day, NO);
  assert.match(bad.notice, /Type a date as YYYY-MM-DD, between 2017-01-30 and 2017-02-03/);
});

test("text that is not a date leaves the box: it shows the date the map shows", () => {
  const bad = step(1, ["dateText"], {dateText: "Feb 1"});
  assert.equal(bad.dateText, "2017-01-31");
  assert.match(bad.notice, /still showing 2017-01-31\./);
});

test("a day past its month's end names the month's length", () => {
  const out = step(0, ["dateText"], {dateText: "2017-01-32"});
  assert.equal(out.day, 1);
  assert.equal(out.notice, "January 2017 has 31 days; showing 2017-01-31.");
  assert.equal(out.dateText, "2017-01-31");
  const late = step(0, ["dateText"], {dateText: "2017-02-30"});  // and after the battle
  assert.equal(late.day, 4);
  assert.match(late.notice, /^February 2017 has 28 days\. No data for 2017-02-28 \(/);
});

test("a notice about the shown date goes once the day moves on, not before", () => {
  assert.equal(step(1, ["nextDay"]).notice, "");
  assert.equal(step(1, ["tick"], {tick: 2, playing: true}).notice, "");
  assert.equal(step(2, ["slider"]).notice, "");
  assert.equal(step(4, ["nextDay"]).notice, NO);  // the last day: nothing moved
  assert.equal(step(2, ["play"], {playing: false}).notice, NO);
});

test("navigate follows a chart click to its day and quote", () => {
  const click = {points: [{customdata: [2, 0], x: "2017-02-01"}]};
  const out = step(0, ["chartClick"], {chartClick: click});
  assert.equal(out.day, 2);
  assert.equal(out.quote, "“q” — s, 2017-01-31");
});

test("a slider move only mirrors the date into the box", () => {
  const out = step(2, ["slider"]);
  assert.equal(out.day, NO);
  assert.equal(out.dateText, "2017-02-01");
  assert.equal(out.playing, NO);
});

test("clickedIndex reads the event item's pattern-matching id", () => {
  const propId = JSON.stringify({index: 7, type: config.ids.eventItem}) + ".n_clicks";
  assert.equal(f.clickedIndex({prop_id: propId, value: 1}), 7);
  assert.equal(f.clickedIndex({prop_id: propId, value: 0}), null);
  assert.equal(f.clickedIndex(undefined), null);
});

test("a click that lands just as play ends is a Pause, not a replay", () => {
  const out = step(4, ["play"], {playing: false, justEnded: true});
  assert.equal(out.playing, false);
  assert.equal(out.day, NO);
});
