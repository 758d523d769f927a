"""`python -m bench run` filters: --scenarios, --modes, --database."""

import pytest

from bench.selection import SelectionError, pick_databases, pick_modes, pick_scenarios


def test_no_filter_selects_every_scenario_in_report_order():
    assert pick_scenarios(None) == ("article", "teasers", "section", "topic", "search", "pages")


def test_scenarios_match_keys_and_name_prefixes_with_commas_or_spaces():
    assert pick_scenarios(["sec,art"]) == ("article", "section")
    assert pick_scenarios(["teaser list", "PAGES"]) == ("teasers", "pages")
    assert pick_scenarios(["portal"]) == ("section",)


def test_unknown_scenario_names_the_choices():
    with pytest.raises(SelectionError, match="'nope' matches none of article, teasers"):
        pick_scenarios(["nope"])


def test_the_limit_is_always_measured():
    assert pick_modes(None) == ("limit", "cold", "hot")
    assert pick_modes(["hot"]) == ("limit", "hot")
    assert pick_modes(["cold,limit"]) == ("limit", "cold")


def test_modes_need_cold_or_hot():
    with pytest.raises(SelectionError, match="cold and/or hot"):
        pick_modes(["limit"])
    with pytest.raises(SelectionError, match="warm not one of"):
        pick_modes(["warm"])


def test_databases():
    assert pick_databases("both") == ("sqlite", "postgresql")
    assert pick_databases("postgresql") == ("postgresql",)
    with pytest.raises(SelectionError):
        pick_databases("mysql")
