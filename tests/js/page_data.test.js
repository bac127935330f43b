"use strict";
/* assets/page_data.js puts the page data file's text where the layout holds its address,
 * as Dash's encoder writes it (a JSON string, "/" as "\u002f"); its Python twin is
 * dashboard.page_data_file.spliced (tests/unit/test_page_data_file.py, same cases). */
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

require(path.join(__dirname, "..", "..", "dashboard", "assets", "page_data.js"));
const {spliced, MARK} = globalThis.frontline.pageDataFile;

const LAYOUT = '{"props":{"data":"frontline-page-data:\\u002fapp\\u002ffrontline-page-data' +
  '\\u002fab12.json","id":"page-data"},"type":"Store"}';

test("the page data file's text stands where its address stood", async () => {
  const asked = [];
  const text = await spliced(LAYOUT, async (url) => {
    asked.push(url);
    return '{"version":"v2","strings":["al-Test \\"quoted\\""]}';
  });
  assert.deepEqual(asked, ["/app/frontline-page-data/ab12.json"]);
  assert.deepEqual(JSON.parse(text).props.data,
                   {version: "v2", strings: ['al-Test "quoted"']});
  assert.equal(MARK, "frontline-page-data:");
});

test("a layout carrying its page data is handed on unchanged", async () => {
  const inside = '{"props":{"data":{"version":"v1"},"id":"page-data"}}';
  assert.equal(await spliced(inside, async () => assert.fail("nothing to fetch")), inside);
});
