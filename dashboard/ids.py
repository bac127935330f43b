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
PLAYING = "playing"  # dcc.Store: true while the player runs (assets/player.js)
PLAY_TICK = "play-tick"  # dcc.Store: the day the player last drew
PLAY_RATE = "play-rate"  # dcc.Store: days a second at the chosen speed
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

# District names over the map (assets/labels.js) and the place search (assets/search.js).
MAP_FRAME = "map-frame"  # the box the map and its names overlay share
NAME_LAYER = "name-layer"
NAMES_LANG = "names-language"
PLACE_SEARCH = "place-search"
PLACE_RESULTS = "place-results"
PLACE_ITEM = "place-item"  # pattern-matching type: {"type": PLACE_ITEM, "index": n}
PLACE_PICKED = "place-picked"

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

# Curation (dashboard/curation/): every id starts with "curation-", so the server can
# tell a curation callback from the page's own (dashboard/auth.py checks its CSRF token,
# and refuses one writing CURATION_REFRESH without a signed-in analyst).
CURATION_PANEL = "curation-panel"
CURATION_TABS = "curation-tabs"
CURATION_USER = "curation-user"        # who is signed in, with sign-in / sign-out links
CURATION_REFRESH = "curation-refresh"  # dcc.Store: written by every edit (cx.saved())
CURATION_VERSION = "curation-version"  # dcc.Store: the store version the page now shows
CURATION_NOTICE = "curation-notice"    # what the last refresh did, for the analyst
# Review queue tab (dashboard/curation/review.py).
CURATION_QUEUE = "curation-queue"
CURATION_QUEUE_KIND = "curation-queue-kind"
CURATION_QUEUE_PLACE = "curation-queue-place"
CURATION_QUEUE_STATUS = "curation-queue-status"
CURATION_QUEUE_ARTICLE = "curation-queue-article"
CURATION_QUEUE_OPTIONS = "curation-queue-options"  # unreviewed only, low confidence first
CURATION_QUEUE_COUNT = "curation-queue-count"
CURATION_CLAIM = "curation-claim"              # the opened claim: its fields and sentence
CURATION_CLAIM_TEXT = "curation-claim-text"    # the article, the sentence highlighted
CURATION_REASON = "curation-reason"
CURATION_ACCEPT = "curation-accept"
CURATION_REJECT = "curation-reject"
CURATION_EDIT = "curation-edit"
CURATION_BULK_ACCEPT = "curation-bulk-accept"
CURATION_EDIT_FIELD = "curation-edit-field"  # pattern-matching type: {"type": ..., "field": f}
CURATION_REVIEW_STATUS = "curation-review-status"
# History tab (dashboard/curation/history.py).
CURATION_HISTORY = "curation-history"
CURATION_HISTORY_REASON = "curation-history-reason"
CURATION_UNDO = "curation-undo"
CURATION_HISTORY_STATUS = "curation-history-status"
# Sources tab (dashboard/curation/sources.py).
CURATION_SOURCES = "curation-sources"
CURATION_GRADE = "curation-grade"
CURATION_GRADE_OUTLET = "curation-grade-outlet"
CURATION_GRADE_REASON = "curation-grade-reason"
CURATION_GRADE_SAVE = "curation-grade-save"
CURATION_SOURCES_STATUS = "curation-sources-status"
