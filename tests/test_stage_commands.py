"""The stage commands of DESIGN.md through the real entry point: time normalize, events code, names cluster, eval."""
from __future__ import annotations

import json

import pytest

from conftest import run_cli

pytestmark = pytest.mark.slow


def _out(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_time_normalize_keeps_order_and_reports_bad_lines():
    lines = [
        {"text": "yesterday", "dct": "2017-05-18"},
        {"text": "Last Saturday", "dct": "2017-05-18",
         "sentence": "Last Saturday, the commander met the president in the capital.", "char_start": 0, "char_end": 13},
        "not json",
        {"text": "On October 23", "dct": "2018-11-15", "sentence": "On October 23, talks fell apart once again.",
         "char_start": 0, "char_end": 13},
        {"text": "in late July", "dct": "2017-09-15"},
        {"text": "on Tuesday", "dct": None},
    ]
    stdin = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    result = run_cli("time", "normalize", "-", stdin=stdin)
    out = _out(result)
    assert result.returncode == 3 and "skipped line 3: invalid JSON" in result.stderr
    assert [o.get("value") for o in out] == ["2017-05-17", "2017-05-13", None, "2018-10-23", "2017-07", "XXXX-WXX-2"]
    assert out[2]["error"].startswith("line 3")
    assert (out[4]["earliest"], out[4]["latest"]) == ("2017-07-01", "2017-07-31")
    assert out[0]["text"] == "yesterday" and out[0]["dct"] == "2017-05-18"


def test_events_code_gives_types_actors_and_modality(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "sentence": "Egypt will not give arms to the militias.", "date": "2014-10-01"})
                    + "\n" + json.dumps({"id": "b", "sentence": "Jordan and Britain agreed to hold joint exercises.",
                                         "date": "2000-01-01"}) + "\n")
    result = run_cli("events", "code", str(path))
    assert result.returncode == 0, result.stderr
    a, b = _out(result)
    assert a["id"] == "a" and b["id"] == "b"
    assert any(e["modality"] == "negated" and e["actors"][0]["country"] == "EGY" for e in a["events"])
    agree = [e for e in b["events"] if e["type"] == "AGREE"]
    assert agree and {x["country"] for e in agree for x in e["actors"] + e["recipients"]} >= {"JOR", "GBR"}


def test_eval_rejects_unknown_suites_and_missing_files(tmp_path):
    unknown = run_cli("eval", "weather", "--data", str(tmp_path))
    assert unknown.returncode == 1 and "unknown suite" in unknown.stderr
    missing = run_cli("eval", "time", "--data", str(tmp_path / "none.jsonl"))
    assert missing.returncode == 1 and "no such file" in missing.stderr


def test_eval_time_prints_metrics(shared):
    result = run_cli("eval", "time", "--data", str(shared / "eval" / "timex_dev.jsonl"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["value_accuracy"] > 0.8
