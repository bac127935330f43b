// ESLint for the browser code and the Node tests (`make lint`; pinned in package.json).
import js from "@eslint/js";
import globals from "globals";

export default [
  {ignores: ["node_modules/", ".venv/", "data/", "bench/out/", "dashboard/vendor/"]},
  js.configs.recommended,
  {
    // The assets are classic browser scripts that Node also loads (module.exports).
    files: ["dashboard/assets/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {...globals.browser, module: "readonly", require: "readonly"},
    },
  },
  {
    // The plotly.js bundle's build (scripts/build-plotly-bundle.sh): Node code.
    files: ["scripts/plotly-bundle/*.js", "scripts/plotly-bundle/*.mjs"],
    languageOptions: {ecmaVersion: 2022, globals: {...globals.node}},
  },
  {
    files: ["scripts/plotly-bundle/*.js"],
    languageOptions: {sourceType: "commonjs"},
  },
  {
    files: ["tests/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "commonjs",
      globals: {...globals.node},
    },
  },
];
