"""Every component id of the page, in one place (callbacks and tests import these)."""

TITLE = "page-title"
MAP = "control-map"
NOTICE = "notice"
