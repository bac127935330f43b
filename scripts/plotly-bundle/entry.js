/* The page's plotly.js: the core (which carries the scatter trace the figures chart
 * draws) and the two MapLibre traces of the control map. Nothing else is registered.
 * Also the global `regeneratorRuntime` that Dash's renderer and dcc call: the page
 * does without Dash's polyfill bundle (core-js for old browsers), which defined it. */
"use strict";
require("regenerator-runtime/runtime");
var Plotly = require("plotly.js/lib/core");

Plotly.register([require("plotly.js/lib/scattermap"), require("plotly.js/lib/choroplethmap")]);
module.exports = Plotly;
