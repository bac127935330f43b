"""Geography of a theatre: gazetteer, district polygons, river, outline, front line.

Pipeline position: articles -> extract -> **geocode** -> control timeline -> app.
Nothing here imports Dash.
"""
