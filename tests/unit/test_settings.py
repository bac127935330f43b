"""Settings: every one is documented, and the environment overrides the default."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields
from pathlib import Path

import pytest

from frontline import settings
from frontline.errors import SettingsError
from frontline.settings import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize("setting", settings.SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented_in_readme_and_module(setting: settings.Setting) -> None:
    assert setting.env_var in README.read_text(encoding="utf-8")
    assert setting.name in (settings.__doc__ or "")


def test_environment_overrides_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_PORT", "9999")
    assert settings.get_int("PORT") == 9999


def test_bad_integer_gives_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_PORT", "eighty")
    with pytest.raises(SettingsError, match="FRONTLINE_PORT must be an integer"):
        settings.get_int("PORT")


def test_settings_has_one_typed_field_per_registered_setting() -> None:
    assert [f.name for f in fields(Settings)] == [s.field for s in settings.SETTINGS]


def test_from_env_reads_every_variable_once_into_typed_fields(tmp_path: Path) -> None:
    env = {"FRONTLINE_PORT": "9001", "FRONTLINE_DATA_DIR": str(tmp_path),
           "FRONTLINE_SEEDS_DIR": "elsewhere", "FRONTLINE_CONTESTED_DAYS": "3",
           "FRONTLINE_BOUNDARIES": str(tmp_path / "b.gpkg")}
    got = Settings.from_env(env)
    assert (got.port, got.contested_days, got.assumed_after_days) == (9001, 3, 30)
    assert got.data_dir == tmp_path and got.seeds_dir == settings.ROOT / "elsewhere"
    assert got.boundaries == tmp_path / "b.gpkg"
    assert Settings.defaults().boundaries is None
    assert Settings.defaults().data_dir == settings.ROOT / "data"


def test_from_env_defaults_to_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_EVENT_FADE_DAYS", "2")
    assert Settings.from_env().event_fade_days == 2


@pytest.mark.parametrize(("name", "raw", "message"), [
    ("PORT", "eighty", "FRONTLINE_PORT must be an integer, got 'eighty'"),
    ("PORT", "70000", "FRONTLINE_PORT must be at most 65535, got 70000"),
    ("CONTESTED_DAYS", "-1", "FRONTLINE_CONTESTED_DAYS must be at least 0, got -1"),
    ("ASSUMED_AFTER_DAYS", "0", "FRONTLINE_ASSUMED_AFTER_DAYS must be at least 1, got 0"),
    ("MAX_ARTICLE_BYTES", "1e6", "FRONTLINE_MAX_ARTICLE_BYTES must be an integer, got '1e6'"),
    ("THEATRE", " ", "FRONTLINE_THEATRE must not be empty"),
    ("DATA_DIR", "", "FRONTLINE_DATA_DIR must not be empty"),
])
def test_from_env_refuses_bad_values_in_one_line(name: str, raw: str, message: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({f"FRONTLINE_{name}": raw})
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_settings_are_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        Settings.defaults().port = 1  # type: ignore[misc]
