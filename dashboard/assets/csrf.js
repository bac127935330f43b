/* CSRF: every POST the page makes to its own server (Dash callbacks, report uploads)
 * carries the session's token (dashboard/auth.py).
 *
 * The server sets the cookie `_csrf_token` (readable by this script, SameSite=Strict) and
 * checks the `X-CSRFToken` header of each callback that writes a curation component,
 * and of each upload, against the token kept in the signed session. A page of another site can make the
 * browser send the cookies but can read neither, so it cannot send the header.
 */
(function (browser) {
  "use strict";
  if (!browser || !browser.fetch) { return; }

  function token() {
    var found = browser.document.cookie.split("; ").filter(function (part) {
      return part.indexOf("_csrf_token=") === 0;
    })[0];
    return found ? decodeURIComponent(found.slice("_csrf_token=".length)) : "";
  }

  // The token goes to this page's own server only, never to another origin.
  function ownServer(url) {
    try {
      return new browser.URL(url, browser.location.href).origin === browser.location.origin;
    } catch {
      return false;
    }
  }

  var fetch = browser.fetch.bind(browser);
  browser.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || "";
    var options = init || {};
    if (String(options.method || "GET").toUpperCase() === "POST" && ownServer(url)) {
      var headers = new browser.Headers(options.headers || {});
      headers.set("X-CSRFToken", token());
      options = Object.assign({}, options, {headers: headers});
    }
    return fetch(input, options);
  };
})(typeof window === "undefined" ? null : window);
