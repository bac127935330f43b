"""Shared foundations of Frontline: settings, errors and the CLI error boundary.

Nothing here imports Dash, GeoPandas or any stage package: every stage may import it.
"""
