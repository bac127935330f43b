"""The client config: what the browser code knows about the page, all from Python.

The JS patches the map's traces by index, clicks buttons by id and zips callback
arguments by name; each of these must be what the figure builder, ``dashboard.ids``
and the registered callbacks really are. Runs on the real Mosul districts with a
SYNTHETIC timeline and article (tests/unit/dashboard_synthetic.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import pytest
from dash import Dash

from dashboard import ids
from dashboard.callbacks import CLIENTSIDE, register_callbacks
from dashboard.client_config import client_config, config_text
from geodata.districts import build_districts
from geodata.theatre import load_theatre
from tests.unit.dashboard_synthetic import synthetic_extractions, synthetic_timeline
from viewmodel.figures import LAYER_NAMES, control_map
from viewmodel.page_data import build_page_data

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "js" / "client-config.json"
ALL_IDS = {v for k, v in vars(ids).items() if k.isupper() and isinstance(v, str)}


@pytest.fixture(scope="module")
def config() -> dict:
    return client_config()


@pytest.fixture(scope="module")
def figure() -> go.Figure:
    theatre = load_theatre()
    districts = build_districts(theatre)
    page = build_page_data(theatre, districts, synthetic_timeline(tuple(districts["id"])),
                           synthetic_extractions(theatre), fade_days=7)
    return control_map(page, theatre, page.n_days - 1, selected=0)


def test_config_is_plain_json(config: dict) -> None:
    assert json.loads(json.dumps(config)) == config


def test_node_tests_see_the_config_python_sends(config: dict) -> None:
    """tests/js/ reads the committed copy; regenerate it with
    ``.venv/bin/python -m dashboard.client_config > tests/js/client-config.json``."""
    assert FIXTURE.read_text(encoding="utf-8") == config_text()


def test_trace_indices_are_the_figures_trace_order(config: dict, figure: go.Figure) -> None:
    traces = config["traces"]
    assert sorted(traces.values()) == list(range(len(figure.data)))
    kinds = {name: (figure.data[i].type, figure.data[i].name) for name, i in traces.items()}
    assert kinds == {
        "districts": ("choroplethmap", "Districts"),
        "front": ("scattermap", "Front line"),
        "bridges": ("scattermap", "Bridges"),
        "halo": ("scattermap", "Event halos"),
        "events": ("scattermap", "Events"),
        "highlight": ("scattermap", "Selected event"),
    }


def test_each_trace_is_shown_by_its_layer_as_in_python(config: dict) -> None:
    """The JS toggles trace ``name`` with layer ``traceLayers[name]``: so does Python."""
    theatre = load_theatre()
    districts = build_districts(theatre)
    page = build_page_data(theatre, districts, None, [], fade_days=7)
    assert set(config["traceLayers"]) == set(config["traces"])
    assert config["layers"] == list(LAYER_NAMES)
    for layer in LAYER_NAMES:
        fig = control_map(page, theatre, 0, layers=[layer])
        shown = {name for name, i in config["traces"].items() if fig.data[i].visible}
        assert shown == {n for n, lay in config["traceLayers"].items() if lay == layer}
        context = [m.visible for m in fig.layout.map.layers]
        assert len(context) == config["contextLayers"]
        assert set(context) == {layer == "context"}


def test_the_patched_fields_exist_where_the_js_patches_them(config: dict,
                                                            figure: go.Figure) -> None:
    t = config["traces"]
    assert len(figure.data[t["districts"]].z) == len(figure.data[t["districts"]].locations)
    assert figure.data[t["events"]].marker.size == config["eventSize"]
    assert figure.data[t["halo"]].marker.size == config["eventSize"] + 4
    assert figure.data[t["front"]].mode == "lines"
    assert len(figure.data[t["highlight"]].lon) >= 1  # event 0 is selected


def test_ids_and_keys_are_component_ids(config: dict) -> None:
    assert set(config["ids"].values()) <= ALL_IDS
    assert {i for targets in config["keys"].values() for i in targets} <= ALL_IDS
    assert config["keys"]["ArrowLeft"] == [ids.PREV_DAY, ids.PREV_CHANGE]


def test_callback_names_are_what_dash_passes_in_that_order(config: dict) -> None:
    """Dash hands a clientside function its Inputs, then its States, then (last) the
    config: the names the JS zips them with must follow the registered order."""
    app = Dash(__name__)
    register_callbacks(app)
    registered = {c["clientside_function"]["function_name"]: c for c in app._callback_list}
    assert set(registered) == set(config["callbacks"]) == {cb.function for cb in CLIENTSIDE}
    for cb in CLIENTSIDE:
        got = registered[cb.function]
        passed = [(d["id"], d["property"]) for d in got["inputs"] + got["state"]]
        table = [(d.to_dict()["id"], d.component_property) for _, d in cb.arguments()]
        assert passed == [*table, (ids.CLIENT_CONFIG, "data")]
        names = [i["name"] for i in config["callbacks"][cb.function]["inputs"]]
        assert names == [n for n, _ in cb.arguments()]
        assert len(set(names)) == len(names)
        outputs = config["callbacks"][cb.function]["outputs"]
        assert len(outputs) == len(cb.outputs) == len(set(outputs))


def test_a_state_declared_before_an_input_still_gets_the_right_name() -> None:
    from dash import Input, Output, State

    from dashboard.callbacks import Clientside

    cb = Clientside("f", outputs=(("o", Output("x", "children")),),
                    inputs=(("s", State("a", "value")), ("i", Input("b", "value"))))
    assert [i["name"] for i in cb.to_json()["inputs"]] == ["i", "s"]
    assert cb.to_json()["inputs"][0]["trigger"] == "b.value"
    assert cb.to_json()["inputs"][1]["trigger"] is None


def test_the_layout_carries_the_config() -> None:
    from dashboard.layout import build_layout

    theatre = load_theatre()
    page = build_page_data(theatre, build_districts(theatre), None, [], fade_days=7)
    layout = build_layout(page, theatre)
    stores = {c.id: c.data for c in layout.children if type(c).__name__ == "Store"}
    assert stores[ids.CLIENT_CONFIG] == client_config()
