"""The view model: what the map, the chart and the exports show for any day.

Dash-free (the app and the exports both draw from it): ``page_data`` builds
:class:`~viewmodel.page_data.PageData` from the stores, ``page_control`` and
``page_events`` its control and event parts, ``hover`` the escaped hover texts, and
``figures`` / ``chart`` the pure Plotly figure builders.
"""
