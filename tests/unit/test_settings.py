"""Settings: every one is documented, and the environment overrides the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontline import settings
from frontline.errors import SettingsError

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
