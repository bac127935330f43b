/* The page data comes as a static file of its own (dashboard/page_data_file.py): the
   layout holds "frontline-page-data:" + the file's URL where the data stood. When
   Dash's renderer fetches the layout, the file is fetched too (the browser keeps it: its
   name changes with its content) and its JSON text put back in place of that string,
   so Dash and every callback read the layout exactly as if the data had been inside.
   Only the layout's own request is touched; the splice is text, never a second parse. */
(function (global) {
  'use strict';
  const MARK = 'frontline-page-data:';
  const LAYOUT = /_dash-layout(\?|$)/;

  /* The layout text with its page data address replaced by ``fetchText(url)``'s text. */
  async function spliced(text, fetchText) {
    const at = text.indexOf('"' + MARK);
    if (at < 0) {
      return text;
    }
    const end = text.indexOf('"', at + 1);
    /* A JSON string: Dash's encoder writes "/" as "\u002f". */
    const url = JSON.parse(text.slice(at, end + 1)).slice(MARK.length);
    return text.slice(0, at) + (await fetchText(url)) + text.slice(end + 1);
  }

  const ns = (global.frontline = global.frontline || {});
  ns.pageDataFile = {MARK, spliced};
  if (typeof global.fetch !== 'function') {
    return;
  }
  const original = global.fetch.bind(global);
  global.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    if (!LAYOUT.test(url)) {
      return original(input, init);
    }
    return original(input, init).then(async (response) => {
      if (!response.ok) {
        return response;
      }
      const text = await spliced(await response.text(), async (dataUrl) => {
        const answer = await original(dataUrl, {credentials: 'same-origin'});
        if (!answer.ok) {
          throw new Error(`page data ${dataUrl}: HTTP ${answer.status}`);
        }
        return answer.text();
      });
      return new Response(text, {status: 200, statusText: 'OK',
        headers: {'Content-Type': 'application/json'}});
    });
  };
})(typeof window !== 'undefined' ? window : globalThis);
