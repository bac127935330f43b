"use strict";
/* `safe` is the twin of viewmodel.hover.safe (Python's str.split() whitespace, then
 * html.escape(quote=False)); tests/unit/test_js_tier.py checks it character for
 * character against Python on the same kind of strings. */
const test = require("node:test");
const assert = require("node:assert/strict");
const {frontline: f} = require("./helpers.js");

test("safe escapes markup and keeps quotes", () => {
  assert.equal(f.safe("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
  assert.equal(f.safe("a & b &amp; \"c\" 'd'"), "a &amp; b &amp;amp; \"c\" 'd'");
});

test("safe collapses whitespace as Python's split() does, and only that", () => {
  assert.equal(f.safe("  a\t\nb\u00a0c\u3000d\x1c e  "), "a b c d e");
  assert.equal(f.safe("a\ufeffb\u200bc"), "a\ufeffb\u200bc");  // not whitespace in Python
  assert.equal(f.safe(""), "");
  assert.equal(f.safe(" \n "), "");
});

test("safe turns non-strings into text", () => {
  assert.equal(f.safe(2017), "2017");
  assert.equal(f.safe(null), "null");
});
