/* Component libraries loaded when first shown (dashboard/lazy_scripts.py).
 *
 * The page's <meta name="frontline-lazy-scripts"> maps a namespace (dash_ag_grid) to its
 * bundle's URL; the bundle is not among the page's scripts. Until it loads, the
 * namespace's global is a stand-in whose every component renders an empty placeholder
 * with the component's id. A placeholder inside a folded <details> (the curation panel)
 * waits for that <details> to open; otherwise, or then, it adds the bundle's <script>
 * (once per namespace) and, when it has run, renders the real component with the same
 * props. The bundle replaces the global with the real library, so components rendered
 * later resolve to it directly.
 */
(function (browser) {
  "use strict";
  if (!browser || !browser.document || !browser.React) { return; }
  var React = browser.React;
  var meta = browser.document.querySelector('meta[name="frontline-lazy-scripts"]');
  var urls = meta ? JSON.parse(meta.getAttribute("content") || "{}") : {};
  var loading = {};

  function load(namespace) {
    if (!loading[namespace]) {
      loading[namespace] = new Promise(function (resolve, reject) {
        var script = browser.document.createElement("script");
        script.src = urls[namespace];
        script.onload = function () { resolve(browser[namespace]); };
        script.onerror = function () {
          delete loading[namespace];  // a later placeholder may try again
          reject(new Error("could not load " + urls[namespace]));
        };
        browser.document.head.appendChild(script);
      });
    }
    return loading[namespace];
  }

  // The real component when its library has replaced the stand-in, else null.
  function real(namespace, type) {
    var lib = browser[namespace];
    return lib && !lib.__frontlineStandIn && lib[type] ? lib[type] : null;
  }

  function placeholder(namespace, type) {
    function Lazy(props) {
      var state = React.useState(function () { return real(namespace, type); });
      var component = state[0];
      var setComponent = state[1];
      var box = React.useRef(null);
      React.useEffect(function () {
        if (component) { return undefined; }
        var live = true;
        var fold = box.current && box.current.closest("details:not([open])");
        function go() {
          load(namespace).then(function () {
            if (live) { setComponent(function () { return real(namespace, type); }); }
          }, function (err) { browser.console.error(err.message); });
        }
        function onToggle() {
          if (fold.open) { fold.removeEventListener("toggle", onToggle); go(); }
        }
        if (fold) { fold.addEventListener("toggle", onToggle); } else { go(); }
        return function () {
          live = false;
          if (fold) { fold.removeEventListener("toggle", onToggle); }
        };
      }, [component]);
      if (component) { return React.createElement(component, props); }
      return React.createElement("div", {ref: box, id: props.id, "data-lazy": namespace,
                                         className: props.className});
    }
    Lazy.displayName = "Lazy(" + namespace + "." + type + ")";
    return Lazy;
  }

  Object.keys(urls).forEach(function (namespace) {
    if (browser[namespace]) { return; }  // already on the page
    var made = {};
    // Any component name gets its placeholder, one per name (a new function on every
    // render would make React remount it).
    browser[namespace] = new Proxy({__frontlineStandIn: true}, {
      get: function (target, name) {
        if (name in target || typeof name !== "string" || !/^[A-Z]/.test(name)) {
          return target[name];
        }
        made[name] = made[name] || placeholder(namespace, name);
        return made[name];
      },
    });
  });
})(typeof window === "undefined" ? null : window);
