"""From articles to a control timeline.

Pipeline position: **articles -> extract** -> geocode -> **control timeline** -> app.
Nothing here imports Dash.
"""
