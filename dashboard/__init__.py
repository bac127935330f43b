"""The Dash app, its figures and its exports. The only package that imports Dash."""
