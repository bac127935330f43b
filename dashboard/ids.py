"""Every component id of the page, in one place (callbacks, JS and tests use these).

The browser code (``assets/*.js``) holds no id: the ones it needs reach it in the
client config (``client_config.py``, stored under :data:`CLIENT_CONFIG`).
"""

TITLE = "page-title"
MAP = "control-map"
NOTICE = "notice"

# Data sent once per page load.
PAGE_DATA = "page-data"
CLIENT_CONFIG = "client-config"
URL = "url"
SELECTED_EVENT = "selected-event"

# Time controls.
SLIDER = "date-slider"
DATE_LABEL = "date-label"
DATE_INPUT = "date-input"
PLAY = "play-button"
INTERVAL = "play-interval"
SPEED = "speed"
PREV_CHANGE = "prev-change"
NEXT_CHANGE = "next-change"
PREV_DAY = "prev-day"
NEXT_DAY = "next-day"

# View options.
LAYERS = "layers"
KNOWN_ON = "known-on"
URL_NOTICE = "url-notice"
EMPTY_NOTICE = "empty-notice"
APPROX_NOTE = "approximate-note"
LEGEND = "legend"

# Figures chart and events.
CHART = "figures-chart"
CHART_QUOTE = "chart-quote"
EVENT_LIST = "event-list"
EVENT_ITEM = "event-item"  # pattern-matching type: {"type": EVENT_ITEM, "index": n}

# Filled by the export issue.
EXPORT_PANEL = "export-panel"

# Export panel (dashboard/export_panel.py).
EXPORT_BUTTON = "export-button"  # pattern-matching type: {"type": EXPORT_BUTTON, "format": f}
EXPORT_DOWNLOAD = "export-download"
EXPORT_STATUS = "export-status"
DECK_BUTTON = "deck-button"
DECK_FORMAT = "deck-format"
DECK_DATES = "deck-dates"
DECK_PROGRESS = "deck-progress"
DECK_STEP = "deck-step"  # what the deck job is doing, beside its progress bar
DECK_DOWNLOAD = "deck-download"
DECK_STATUS = "deck-status"
