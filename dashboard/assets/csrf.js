/* CSRF: every Dash callback POST carries the session's token (dashboard/auth.py).
 *
 * The server sets the cookie `_csrf_token` (readable by this script, SameSite=Strict) and
 * checks the `X-CSRFToken` header of each callback that writes a curation component
 * against the token kept in the signed session. A page of another site can make the
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

  var fetch = browser.fetch.bind(browser);
  browser.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || "";
    var options = init || {};
    if (String(options.method || "GET").toUpperCase() === "POST" &&
        url.indexOf("_dash-update-component") >= 0) {
      var headers = new browser.Headers(options.headers || {});
      headers.set("X-CSRFToken", token());
      options = Object.assign({}, options, {headers: headers});
    }
    return fetch(input, options);
  };
})(typeof window === "undefined" ? null : window);
