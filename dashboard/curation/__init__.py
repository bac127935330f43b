"""The curation panel: analysts review claims, undo decisions and grade sources in the app.

CURATION-INTERFACE (how a tab plugs in; keep to it so tabs stay independent)
-------------------------------------------------------------------------------
- A tab is a module of this package listed in :data:`dashboard.curation.panel.TABS`. It
  exposes ``LABEL: str``, ``layout(cx: CurationContext) -> Component`` and
  ``register(app, cx) -> None`` (callbacks registered on ``app``: ``@app.callback``).
- ``cx`` (:class:`dashboard.curation.context.CurationContext`) carries ``store``,
  ``settings`` and ``theatre``, and: ``cx.who()`` the signed-in analyst (None: not
  signed in), ``cx.decided_by(reason)`` a :class:`timeline.decisions.Decided` for him
  (an :class:`~frontline.errors.InputError` "sign in to edit" when nobody is),
  ``cx.log()`` the decision store, ``cx.decided(recorded)`` to note a saved decision,
  ``cx.saved()`` the value to write to ``ids.CURATION_REFRESH``.
- An edit callback records through ``cx.log()``, calls ``cx.decided(...)`` and returns
  ``cx.saved()`` into ``Output(ids.CURATION_REFRESH, "data", allow_duplicate=True)``
  (``prevent_initial_call=True``). Writing that output is what makes it an edit: the
  server refuses such a request without a signed-in analyst (:mod:`dashboard.auth`).
  On a refused or bad edit, return ``dash.no_update`` there and a one-line message in
  the tab's own status element.
- Lists refresh on ``Input(ids.CURATION_LISTED, "data")``: the panel writes it (with
  ``CURATION_VERSION``) once the open page shows the decision (page data rebuilt, map
  redrawn; no reload). It is a store of the tabs themselves, so the lists also fill when
  the tabs arrive (the panel's first opening): Dash runs a callback for new components
  only when its inputs come with them.
- Every curation component id starts with ``curation-`` and lives in
  :mod:`dashboard.ids` (the CSRF check keys on that prefix). Text from articles reaches
  the page only as Dash text children (escaped by React), never as raw HTML.
"""
