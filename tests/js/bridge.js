/* JSON in, JSON out: lets pytest call frontline.js's pure functions (parity tests with
 * their Python twins, tests/unit/test_js_tier.py). Reads {"data": D, "calls": [[name,
 * [args...]], ...]} on stdin and prints the list of results; when D (a page data store)
 * is given, it is every call's first argument, sent once rather than once per call. */
"use strict";

const {frontline} = require("./helpers.js");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const {data, calls} = JSON.parse(input);
  const first = data === undefined || data === null ? [] : [data];
  const results = calls.map(([name, args]) => frontline[name](...first, ...args));
  process.stdout.write(JSON.stringify(results));
});
