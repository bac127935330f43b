"""Play keeps the map and the date label on the same day, frame by frame, and Pause
stops both on it (issue 18 point 1).

Runs the real app on the SYNTHETIC stress theatre of bench/stress.py (its small size:
60 districts, 30 days) at 8x, where the player must skip days it cannot draw in time.
What the map holds is read from MapLibre itself: each district's feature state and the
paint expression that turns it into a colour; never from a variable of our own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from bench.baseline import load_inputs
from bench.stress import build_stress
from dashboard import ids
from tests.browser.conftest import new_page, open_page
from tests.conftest import Server, start_server, stop_server
from viewmodel.figures import code_colors

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Installed before Play: on every animation frame, the label and every district's
# colour as MapLibre holds them (feature state `code` through the fill-color `match`).
RECORDER = """(ids) => {
  const m = window.frontline.mapInstance();
  const paint = m.getPaintProperty('fl-district-fill', 'fill-color');
  const color = {};
  for (let k = 2; k + 1 < paint.length; k += 2) { color[paint[k]] = paint[k + 1]; }
  const read = () => ({
    label: document.getElementById('LABEL_ID').textContent.slice(0, 10),
    colors: ids.map((id) => color[m.getFeatureState({source: 'fl-districts', id: id}).code])
  });
  const rec = window.__rec = {frames: [], on: true, read: read};
  const loop = () => { if (!rec.on) { return; } rec.frames.push(read());
                       requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
}""".replace("LABEL_ID", ids.DATE_LABEL)


# Resolves once it has clicked Pause, on the first animation frame where the date
# label is past `day` (the click as the last day arrives is a Pause too, not a replay).
PAUSE_AFTER = """([day, timeout]) => new Promise((resolve, reject) => {
  const t0 = performance.now();
  const look = () => {
    if (document.getElementById('LABEL_ID').textContent > day) {
      document.getElementById('PLAY_ID').click();
      resolve(true);
    } else if (performance.now() - t0 > timeout) {
      reject(new Error('the label never passed ' + day));
    } else { requestAnimationFrame(look); }
  };
  requestAnimationFrame(look);
})""".replace("LABEL_ID", ids.DATE_LABEL).replace("PLAY_ID", ids.PLAY)


@pytest.fixture(scope="module")
def stress(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Any]]:
    built = build_stress(tmp_path_factory.mktemp("stress"), smoke=True)
    server = start_server(built.env)
    yield server, built
    stop_server(server)


def test_play_in_step(chromium: Any, stress: tuple[Server, Any]) -> None:
    server, built = stress
    theatre, _, page_data = load_inputs(built.env)
    colors = code_colors(theatre)
    expected = {page_data.dates[d]: [colors[c] for c in page_data.views["main"].z[d]]
                for d in range(page_data.n_days)}
    district_ids = list(page_data.district_ids)
    pg = new_page(chromium, server.url)
    try:
        open_page(pg)
        pg.get_by_label("8×").check()
        pg.evaluate(RECORDER, district_ids)
        pg.click(f"#{ids.PLAY}")
        # Pause once the label has passed the third day, clicked from the page's own
        # animation frames: under load, a wait and a click from here took longer than
        # the 30 days take to play, and a click after the end is a replay.
        pg.evaluate(PAUSE_AFTER, [page_data.dates[2], 30_000])
        pg.wait_for_function(
            f"() => document.getElementById('{ids.PLAY}').textContent.includes('Play')")
        paused = pg.evaluate("() => window.__rec.read()")
        pg.wait_for_timeout(500)  # nothing moves after Pause
        later = pg.evaluate("() => { window.__rec.on = false; return window.__rec.read(); }")
        frames = pg.evaluate("() => window.__rec.frames")
        slider_day = int(pg.get_attribute(f"#{ids.SLIDER} [role=slider]", "aria-valuenow"))
        box = pg.input_value(f"#{ids.DATE_INPUT}")
    finally:
        pg.context.close()
    assert pg.log.page_errors == [] and pg.log.console_errors == []
    labels = [f["label"] for f in frames]
    assert len(set(labels)) >= 2, labels  # it played
    for k, f in enumerate(frames):
        assert f["colors"] == expected[f["label"]], f"frame {k}: map not on {f['label']}"
    assert paused["colors"] == expected[paused["label"]]
    assert later == paused
    # Slider and date box stop on the day the map shows.
    assert page_data.dates[slider_day] == paused["label"] == box
    days = [dt.date.fromisoformat(x) for x in labels]
    assert days == sorted(days), " ".join(labels)  # never back, never a queued stale frame
