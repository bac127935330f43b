/* Report uploads (the curation panel's "Add a report" tab, dashboard/curation/add_report.py).
 *
 * upload: the file the analyst chose in the upload box is posted to its own route
 * (dashboard/curation/uploads.py) as multipart, never inside a Dash callback body, so
 * the app's request cap stays as it is. A file over the upload cap is refused here,
 * with the same words the server uses, before anything is sent; a refusal by the server
 * (size, type, sign-in, CSRF) is shown as it answered. The answer lands in the store
 * `limit.store` ({token, name, bytes} or {error}); the form's callback reads the token.
 * The upload it replaces (`before`) is named, so the server forgets it.
 *
 * guardPaste: "Read and preview" goes ahead only when the pasted text is within the
 * same cap, so an oversized paste gets a message instead of a bare 413.
 *
 * `limit` ({maxBytes, url, store, upload}) comes from the tab's layout: no id or path is kept
 * here. csrf.js adds the session's token to the upload's POST.
 */
(function (browser) {
  "use strict";
  if (!browser) { return; }
  var dc = browser.dash_clientside = browser.dash_clientside || {};

  function number(n) { return Number(n).toLocaleString("en-US"); }

  function tooBig(name, size, cap) {
    return name + " is " + number(size) + " bytes, over the upload limit of " + number(cap) +
      " bytes (FRONTLINE_MAX_UPLOAD_BYTES): upload a smaller file or paste the part " +
      "that matters";
  }

  function bytesOf(contents) {
    var bin = browser.atob(String(contents).slice(String(contents).indexOf(",") + 1));
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
    return out;
  }

  function post(limit, name, bytes, before) {
    var body = new browser.FormData();
    body.append("file", new browser.Blob([bytes]), name);
    if (before && before.token) { body.append("replaces", before.token); }
    function tell(answer) { dc.set_props(limit.store, {data: answer}); }
    browser.fetch(limit.url, {method: "POST", body: body, credentials: "same-origin"})
      .then(function (response) {
        return response.json().catch(function () {
          return {error: response.status === 413 ? tooBig(name, bytes.length, limit.maxBytes)
            : "the upload failed (" + response.status + "): try again"};
        });
      })
      .then(tell, function () { tell({error: "the upload did not reach the server: try again"}); });
  }

  // The box lets go of the file once it is sent (or refused): the page keeps no copy,
  // and choosing the same file again (after removing it) uploads it again.
  function forget(limit) {
    browser.setTimeout(function () {
      dc.set_props(limit.upload, {contents: null, filename: null});
    }, 0);
  }

  dc.frontlineUpload = {
    upload: function (contents, filename, limit, before) {
      if (!contents || !limit) { return dc.no_update; }  // also the box let go (forget)
      var name = filename || "report";
      var bytes;
      try {
        bytes = bytesOf(contents);
      } catch {
        return {error: name + " could not be read in the browser: choose it again"};
      }
      if (bytes.length > limit.maxBytes) {
        forget(limit);
        return {error: tooBig(name, bytes.length, limit.maxBytes)};
      }
      post(limit, name, bytes, before);
      forget(limit);
      return {pending: name};
    },
    guardPaste: function (clicks, text, limit) {
      if (!clicks) { return [dc.no_update, dc.no_update]; }
      var size = new browser.Blob([text || ""]).size;  // UTF-8 bytes, as the server counts
      if (limit && size > limit.maxBytes) {
        return [dc.no_update, {namespace: "dash_html_components", type: "Span",
          props: {children: tooBig("the pasted text", size, limit.maxBytes),
                  className: "fl-curation-error"}}];
      }
      return [clicks, dc.no_update];
    }
  };
})(typeof window === "undefined" ? null : window);
