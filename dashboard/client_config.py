"""What the browser code needs to know about the page, sent once as JSON.

``assets/frontline.js`` holds no component id, trace index or timing of its own: it
reads them from this config, stored in the page under ``ids.CLIENT_CONFIG`` and passed
to every clientside callback as its last argument. Each value has one owner here in
Python (ids in :mod:`dashboard.ids`, the map's trace order in
:data:`viewmodel.figures.MAP_TRACES`, argument names in
:data:`dashboard.callbacks.CLIENTSIDE`), so a change there reaches the JS by itself.

``python -m dashboard.client_config`` prints the config; ``tests/js/client-config.json``
is that output, for the Node tests (a unit test keeps it current).
"""

from __future__ import annotations

import json
from typing import Any

from dashboard import ids
from dashboard.callbacks import CLIENTSIDE
from viewmodel.figures import (
    CLIENT_DRAWN,
    EVENT_SIZE,
    LAYER_NAMES,
    MAP_TRACES,
    N_CONTEXT_LAYERS,
    TRACE_INDEX,
)

# Playback: 2 days a second at 1x (8x: 16). The player (assets/player.js) draws at most
# one day per animation frame and takes the day from the clock, so where drawing the
# map takes longer than a frame (software WebGL) days are skipped, never queued.
PLAY_DAYS_PER_SECOND = 2.0

# Keyboard: arrows step a day, Shift+arrows jump to the previous/next change of control,
# Space plays or pauses. Each key clicks the button with the id given (plain, shifted).
KEYS = {
    "ArrowLeft": (ids.PREV_DAY, ids.PREV_CHANGE),
    "ArrowRight": (ids.NEXT_DAY, ids.NEXT_CHANGE),
    " ": (ids.PLAY, ids.PLAY),
}


def client_config() -> dict[str, Any]:
    """The config as the browser receives it (plain JSON, the same for every page)."""
    return {
        "ids": {"map": ids.MAP, "eventItem": ids.EVENT_ITEM, "nameLayer": ids.NAME_LAYER,
                "placeItem": ids.PLACE_ITEM, "label": ids.DATE_LABEL,
                "playTick": ids.PLAY_TICK, "eventList": ids.EVENT_LIST,
                "selectedEvent": ids.SELECTED_EVENT, "timelineItem": ids.TL_ITEM,
                # The hand-stepping path (assets/stepper.js) writes these straight.
                "slider": ids.SLIDER, "dateInput": ids.DATE_INPUT, "chart": ids.CHART,
                "play": ids.PLAY, "prevDay": ids.PREV_DAY, "nextDay": ids.NEXT_DAY,
                "prevChange": ids.PREV_CHANGE, "nextChange": ids.NEXT_CHANGE,
                "notice": ids.URL_NOTICE},
        "keys": {key: list(targets) for key, targets in KEYS.items()},
        "traces": dict(TRACE_INDEX),
        "traceLayers": dict(MAP_TRACES),
        "clientDrawn": list(CLIENT_DRAWN),
        "layers": list(LAYER_NAMES),
        "contextLayers": N_CONTEXT_LAYERS,
        "eventSize": EVENT_SIZE,
        "play": {"daysPerSecond": PLAY_DAYS_PER_SECOND},
        "callbacks": {cb.function: cb.to_json() for cb in CLIENTSIDE},
    }


def config_text() -> str:
    """The config as committed in ``tests/js/client-config.json``."""
    return json.dumps(client_config(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(config_text(), end="")
