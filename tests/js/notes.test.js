/* Analysts' notes and claim grading on the page (issue 15): the JS twins of
 * viewmodel.page_notes (notes_in_force, note_hover) and of the event hover's grading line.
 * SYNTHETIC data only.
 */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const {frontline: f, syntheticData} = require("./helpers.js");

function withNotes() {
  const data = syntheticData();
  const base = data.strings.length;
  data.strings = data.strings.concat(["al-Test", "checkpoint &lt;moved&gt;", "rana",
                                      "UN <OCHA>", "2017-01-31", "", "source grade B, credibility 2"]);
  data.notes = {day: [1, 3], pub: [2, null], place: [base, base], lines: [base + 1, base + 1],
                author: [base + 2, base + 2], source: [base + 3, base + 5],
                date: [base + 4, base + 4], lon: [43.1, null], lat: [36.35, null]};
  data.note_color = "#222222";
  data.events.grading = [base + 6, base + 5, base + 5];
  return data;
}

test("notes are in force from their day; as known, from their source's date, never without", () => {
  const data = withNotes();
  assert.deepEqual(f.notesInForce(data, 0, false), []);
  assert.deepEqual(f.notesInForce(data, 1, false), [0]);
  assert.deepEqual(f.notesInForce(data, 4, false), [0, 1]);
  assert.deepEqual(f.notesInForce(data, 1, true), []);
  assert.deepEqual(f.notesInForce(data, 4, true), [0]);
  assert.deepEqual(f.frame(data, 4, false).notes, [0, 1]);
});

test("a note's hover is Python's note_hover: escaped, around the already-escaped lines", () => {
  const data = withNotes();
  assert.equal(f.noteHover(data, 0),
               "<b>analyst note</b>, 2017-01-31<br>al-Test<br><i>checkpoint &lt;moved&gt;</i>" +
               "<br>— rana, citing UN &lt;OCHA&gt;");
  assert.equal(f.noteHover(data, 1),
               "<b>analyst note</b>, 2017-01-31<br>al-Test<br><i>checkpoint &lt;moved&gt;</i>" +
               "<br>— rana");
});

test("an event's hover ends with its source grade and credibility when judged", () => {
  const data = withNotes();
  assert.ok(f.eventHover(data, 0).endsWith("<br>source grade B, credibility 2"));
  assert.ok(f.eventHover(data, 1).endsWith("— Other Wire, 2017-02-01"));
});

test("a page without notes draws none", () => {
  assert.deepEqual(f.frame(syntheticData(), 3, false).notes, []);
});

test("a note's map point carries its index, and its hover is the note's", () => {
  const data = withNotes();
  const notes = f.mapFeatures(data, 4, false, null).events.features
    .filter((p) => p.properties.i === -1);
  assert.equal(notes.length, 1);  // note 1 has no place: no point
  assert.deepEqual(notes[0].properties, {i: -1, note: 0, color: "#222222", opacity: 1});
  assert.equal(f.pointHover(data, notes[0].properties), f.noteHover(data, 0));
  assert.equal(f.pointHover(data, {i: -1}), null);
});
