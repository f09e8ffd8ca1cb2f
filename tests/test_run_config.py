"""The TOML config of scheduled runs: keys, types, relative paths, flags over the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from travelban.config import CONFIG_KEYS, RunConfig, load_config, parse_config
from travelban.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]


def test_the_shipped_example_loads_and_names_every_key() -> None:
    path = ROOT / "examples" / "travelban.toml"
    config = load_config(path)
    assert config.inbox == (path.parent / "inbox",)
    assert config.state == path.parent / "state" / "travelban.sqlite"
    assert config.log_path == path.parent / "state" / "travelban.log"
    text = path.read_text(encoding="utf-8")
    for key in CONFIG_KEYS:
        assert f"{key} =" in text, f"examples/travelban.toml does not show {key}"


def test_values_are_typed_and_paths_taken_from_the_file_folder(tmp_path: Path) -> None:
    cfg = tmp_path / "conf" / "tb.toml"
    text = (
        'inbox = ["in/a", "/abs/b"]\nas_of = 2024-12-31\nthreshold = 1\n'
        'review_band = 0.5\nfail_on_breach = true\nlist = "x.xml"\n'
    )
    config = parse_config(text, cfg)
    assert config.inbox == (tmp_path / "conf" / "in" / "a", Path("/abs/b"))
    assert config.as_of == date(2024, 12, 31) and config.threshold == 1.0
    assert config.fail_on_breach is True and config.list_path == tmp_path / "conf" / "x.xml"
    assert config.reports == tmp_path / "conf" / "reports"  # defaults sit beside the file
    assert config.state == tmp_path / "conf" / "travelban-state.sqlite"
    assert parse_config('inbox = "in"\nas_of = "2020-01-02"\n', cfg).as_of == date(2020, 1, 2)


@pytest.mark.parametrize(
    ("text", "problem", "fix"),
    [
        (
            "fail-on-breach = true\n",
            "unknown key 'fail-on-breach'",
            "did you mean 'fail_on_breach'",
        ),
        ("[run]\ninbox = 'x'\n", "unknown key 'run'", "use one of: inbox"),
        (
            "threshold = 1.5\n",
            "must be a number from 0 to 1, not the number 1.5",
            "threshold = 0.8",
        ),
        ("threshold = true\n", "must be a number from 0 to 1, not true/false", "threshold"),
        ("fail_on_breach = 'yes'\n", "must be true or false, not the text 'yes'", "= true"),
        ("as_of = 'last week'\n", "key 'as_of' must be a date", "as_of = 2026-01-31"),
        ("as_of = 2024-01-01T10:00:00\n", "key 'as_of' must be a date", "as_of"),
        ("inbox = []\n", "key 'inbox' must be a folder path or a list", 'inbox = ["inbox"]'),
        ("state = ''\n", "key 'state' must be a file path", "state ="),
        ("inbox = 'a'\ninbox = 'b'\n", "is not valid TOML", "correct the syntax"),
    ],
)
def test_a_wrong_config_names_the_file_key_and_fix(
    tmp_path: Path, text: str, problem: str, fix: str
) -> None:
    path = tmp_path / "tb.toml"
    with pytest.raises(ConfigError) as err:
        parse_config(text, path)
    assert err.value.path == str(path)
    assert problem in err.value.problem
    assert fix in err.value.fix


def test_a_missing_or_binary_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(bad)


def test_flags_replace_only_what_was_given() -> None:
    base = RunConfig(inbox=(Path("a"),), threshold=0.9, fail_on_breach=True)
    merged = base.merged(inbox=(), threshold=None, fail_on_breach=False, reports=Path("r"))
    assert merged.inbox == (Path("a"),)  # an empty --inbox list is "not given"
    assert merged.threshold == 0.9
    assert merged.fail_on_breach is False  # --no-fail-on-breach beats the file
    assert merged.reports == Path("r")
    assert base.merged(inbox=("x", "y")).inbox == (Path("x"), Path("y"))


def test_settings_clamp_the_review_band_to_the_threshold() -> None:
    settings = RunConfig(threshold=0.7, review_band=0.9).settings()
    assert settings.threshold == 0.7 and settings.review_band == 0.7
    assert settings.list_path is None and settings.lists_dir.name == "lists"
