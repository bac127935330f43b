// Bundle entry.js into one minified script that sets window.Plotly (what dcc.Graph looks
// for before loading a plotly.js of its own). Settings follow plotly.js's own build:
// an IIFE named Plotly, `global` as window, no AMD. CSS that plotly.js imports
// (MapLibre's) is put into the script, added to the page as a <style> when it loads.
import * as esbuild from "esbuild";
import fs from "node:fs";

const [out] = process.argv.slice(2);

const inlineCss = {
  name: "inline-css",
  setup(build) {
    build.onLoad({filter: /\.css$/}, async (args) => {
      const css = await fs.promises.readFile(args.path, "utf8");
      const js = "if (typeof document !== 'undefined') { var s = document.createElement('style');" +
        " s.textContent = " + JSON.stringify(css) + "; document.head.appendChild(s); }";
      return {contents: js, loader: "js"};
    });
  },
};

await esbuild.build({
  entryPoints: ["entry.js"],
  outfile: out,
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "Plotly",
  target: "es2016",
  define: {"global": "window", "define.amd": "false"},
  alias: {stream: "stream-browserify"},
  legalComments: "none",
  plugins: [inlineCss],
  logLevel: "warning",
});
