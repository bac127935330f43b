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
UNCERTAINTY = "uncertainty-legend"  # how sure each colour is (viewmodel.uncertainty)

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

# Event timeline panel (dashboard/events_panel.py, assets/events_panel.js).
TIMELINE = "event-timeline"
TL_TEXT = "timeline-text"
TL_KIND = "timeline-kind"
TL_ACTOR = "timeline-actor"
TL_SIDE = "timeline-side"
TL_STATUS = "timeline-status"
TL_SOURCE = "timeline-source"
TL_FROM = "timeline-from"
TL_TO = "timeline-to"
TL_COUNT = "timeline-count"
TL_NOTE = "timeline-note"
TL_LIST = "timeline-list"
TL_ITEM = "timeline-item"  # pattern-matching type: {"type": TL_ITEM, "index": n}
TL_MATCHES = "timeline-matches"  # indices of the matching events (for the CSV)
TL_PICK = "timeline-pick"  # the clicked event's day, which navigate moves the slider to
TL_CSV = "timeline-csv"
TL_DOWNLOAD = "timeline-download"

# Compare two dates (dashboard/compare_panel.py, assets/compare.js).
COMPARE = "compare-panel"
COMPARE_FROM = "compare-from"
COMPARE_TO = "compare-to"
COMPARE_MODE = "compare-mode"
COMPARE_GO = "compare-go"
COMPARE_CSV = "compare-csv"
COMPARE_PNG = "compare-png"
COMPARE_STATUS = "compare-status"
COMPARE_LIST = "compare-list"
COMPARE_IDS = "compare-ids"  # the districts to outline on the map
COMPARE_DRAWN = "compare-drawn"
COMPARE_DOWNLOAD = "compare-download"

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
# The movie row (dashboard/movie_panel.py): a date range as an animated GIF or MP4.
MOVIE_FORMAT = "movie-format"
MOVIE_FROM = "movie-from"
MOVIE_TO = "movie-to"
MOVIE_FPS = "movie-fps"
MOVIE_EVERY = "movie-every"
MOVIE_BUTTON = "movie-button"
MOVIE_PROGRESS = "movie-progress"
MOVIE_STEP = "movie-step"
MOVIE_DOWNLOAD = "movie-download"
MOVIE_STATUS = "movie-status"

# Curation (dashboard/curation/): every id starts with "curation-", so the server can
# tell a curation callback from the page's own (dashboard/auth.py checks its CSRF token,
# and refuses one writing CURATION_REFRESH without a signed-in analyst).
CURATION_PANEL = "curation-panel"
CURATION_TABS = "curation-tabs"
CURATION_HEAD = "curation-head"        # the panel's summary: its first click fills the body
CURATION_BODY = "curation-body"        # the tabs, sent when the panel is first opened
CURATION_USER = "curation-user"        # who is signed in, with sign-in / sign-out links
CURATION_REFRESH = "curation-refresh"  # dcc.Store: written by every edit (cx.saved())
CURATION_VERSION = "curation-version"  # dcc.Store: the store version the page now shows
CURATION_LISTED = "curation-listed"    # dcc.Store in the tabs: the version their lists show
CURATION_NOTICE = "curation-notice"    # what the last refresh did, for the analyst
CURATION_POLL = "curation-poll"        # dcc.Interval: on while the replay catches up
CURATION_FOLLOW = "curation-follow"    # dcc.Interval: asks whether decisions were made elsewhere
# Review queue tab (dashboard/curation/review.py).
CURATION_QUEUE = "curation-queue"
CURATION_QUEUE_KIND = "curation-queue-kind"
CURATION_QUEUE_PLACE = "curation-queue-place"
CURATION_QUEUE_STATUS = "curation-queue-status"
CURATION_QUEUE_ARTICLE = "curation-queue-article"
CURATION_QUEUE_OPTIONS = "curation-queue-options"  # unreviewed only, low confidence first
CURATION_QUEUE_COUNT = "curation-queue-count"
CURATION_OPEN = "curation-open"                # dcc.Store: the opened claim's id
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
# Add a report tab (dashboard/curation/add_report.py).
CURATION_REPORT_TITLE = "curation-report-title"
CURATION_REPORT_OUTLET = "curation-report-outlet"
CURATION_REPORT_URL = "curation-report-url"
CURATION_REPORT_PUBLISHED = "curation-report-published"
CURATION_REPORT_TEXT = "curation-report-text"          # pasted text
CURATION_REPORT_UPLOAD = "curation-report-upload"      # file input (.md .txt .html .pdf)
CURATION_REPORT_UPLOADED = "curation-report-uploaded"  # dcc.Store: the upload route's answer
CURATION_REPORT_LIMIT = "curation-report-limit"        # dcc.Store: the upload cap in bytes
CURATION_REPORT_CLEAR_FILE = "curation-report-clear-file"  # button: drop the uploaded file
CURATION_REPORT_FILE = "curation-report-file"          # the uploaded file's name, or why not
CURATION_REPORT_SUBMIT = "curation-report-submit"      # dcc.Store: a read the page let through
CURATION_REPORT_KEPT = "curation-report-kept"          # dropdown: drafts kept from before
CURATION_REPORT_REOPEN = "curation-report-reopen"      # button: reopen the chosen draft
CURATION_REPORT_DRAFTS = "curation-report-drafts"      # the kept drafts' line
CURATION_REPORT_READ = "curation-report-read"          # button: read and preview
CURATION_REPORT_JOB = "curation-report-job"            # dcc.Store: the pending job's token
CURATION_REPORT_PROGRESS = "curation-report-progress"  # html.Progress of the job
CURATION_REPORT_STEP = "curation-report-step"
CURATION_REPORT_DRAFT = "curation-report-draft"        # dcc.Store: the previewed draft's token
CURATION_REPORT_PREVIEW = "curation-report-preview"    # the article, claims highlighted
CURATION_REPORT_CHANGES = "curation-report-changes"    # districts the report would change
CURATION_REPORT_SAVE = "curation-report-save"
CURATION_REPORT_DISCARD = "curation-report-discard"
CURATION_REPORT_STATUS = "curation-report-status"
# Names tab (dashboard/curation/names.py).
CURATION_NAMES = "curation-names"                  # the unresolved names, listed
CURATION_NAME = "curation-name"                    # the name being decided
CURATION_NAME_ACTION = "curation-name-action"      # map / new place / not a place / outside
CURATION_NAME_PLACE = "curation-name-place"        # type-ahead over names, variants, Arabic
CURATION_NAME_MAP = "curation-name-map"            # click a point for a new place
CURATION_NAME_LAT = "curation-name-lat"
CURATION_NAME_LON = "curation-name-lon"
CURATION_NAME_BANK = "curation-name-bank"
CURATION_NAME_PARENT = "curation-name-parent"
CURATION_NAME_REASON = "curation-name-reason"
CURATION_NAME_SAVE = "curation-name-save"
CURATION_NAME_STATUS = "curation-name-status"
# Corrections tab (dashboard/curation/corrections.py): control overrides.
CURATION_OVERRIDES = "curation-overrides"          # the overrides in force
CURATION_OVERRIDE_DISTRICT = "curation-override-district"
CURATION_OVERRIDE_SIDE = "curation-override-side"
CURATION_OVERRIDE_START = "curation-override-start"
CURATION_OVERRIDE_END = "curation-override-end"
CURATION_OVERRIDE_SOURCE = "curation-override-source"
CURATION_OVERRIDE_SOURCE_DATE = "curation-override-source-date"
CURATION_OVERRIDE_NOTE = "curation-override-note"
CURATION_OVERRIDE_SUPERSEDE = "curation-override-supersede"
CURATION_OVERRIDE_SAVE = "curation-override-save"
CURATION_OVERRIDE_STATUS = "curation-override-status"
# Annotations tab (dashboard/curation/notes.py).
CURATION_NOTES = "curation-notes"                  # the annotations in force
CURATION_NOTE_PLACE = "curation-note-place"
CURATION_NOTE_DAY = "curation-note-day"
CURATION_NOTE_TEXT = "curation-note-text"
CURATION_NOTE_SOURCE = "curation-note-source"
CURATION_NOTE_SOURCE_DATE = "curation-note-source-date"
CURATION_NOTE_SAVE = "curation-note-save"
CURATION_NOTE_STATUS = "curation-note-status"
# Audit tab (dashboard/curation/audit.py): the map as it stood in the tool at a moment.
CURATION_AUDIT_MOMENT = "curation-audit-moment"
CURATION_AUDIT_DAY = "curation-audit-day"
CURATION_AUDIT_SHOW = "curation-audit-show"
CURATION_AUDIT_MAP = "curation-audit-map"
CURATION_AUDIT_SUMMARY = "curation-audit-summary"
CURATION_AUDIT_ORPHANS = "curation-audit-orphans"
CURATION_AUDIT_STATUS = "curation-audit-status"
CURATION_AUDIT_NOW = "curation-audit-now"  # the moment the tab last filled in itself
