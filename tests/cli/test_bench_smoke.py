"""The benchmark scripts still run: ``python -m bench --smoke`` on the page and server benches.

Smoke sizes take seconds (a tiny SYNTHETIC stress theatre for the page and its
baseline, 3 sessions for 3 s per size against the real server); the figures are not
asserted, only that the run exits 0 and writes every expected key.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, run_cli

PAGE_KEYS = ("stress_payload_bytes_target", "stress_frame_median_ms_target",
             "stress_baseline_payload_bytes", "stress_baseline_frame_median_ms",
             "stress_payload_ratio", "stress_frame_ratio", "stress_payload_x_smaller_target",
             "stress_frame_vs_baseline_target", "stress_repaint_floor_ms",
             "stress_frame_median_above_floor_ms", "stress_frame_above_floor_x_faster_target",
             "stress_scripting_ms_per_step_target")
SERVER_KEYS = tuple(f"{size}_{key}" for size in ("mosul", "stress")
                    for key in ("p50_ms", "p95_ms_target", "errors_target", "requests"))


@pytest.mark.slow
@pytest.mark.browser
def test_bench_smoke_page_and_server(tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: run `make test` (it installs Debian chromium)")
    out = tmp_path / "results-smoke.json"
    earlier = {"smoke": True, "districts": {"kept": 1}, "page": {"replaced": 1}}
    out.write_text(json.dumps(earlier), encoding="utf-8")
    result = run_cli("bench", "--smoke", "--only", "page", "server", "--out", str(out),
                     timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["smoke"] is True
    assert results["districts"] == {"kept": 1}  # a partial rerun keeps the other sections
    assert "replaced" not in results["page"]
    for section, keys in (("page", PAGE_KEYS), ("server", SERVER_KEYS)):
        assert "error" not in results[section], results[section]
        missing = [k for k in keys if k not in results[section]]
        assert not missing, f"{section} lacks {missing}"
    for key in ("stress_payload_bytes_target", "stress_frame_median_ms_target"):
        measured, _limit, op = results["page"][key]
        assert measured > 0 and op in ("<=", ">=")
    assert results["server"]["mosul_errors_target"][0] == 0
    assert "PASS" in result.stdout or "FAIL" in result.stdout
