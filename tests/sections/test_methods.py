"""The methods section names the choices a reviewer will question (issue 14)."""
from __future__ import annotations

import pytest

from toolkit.sections.methods import METHODS, methods_table, methods_used


@pytest.mark.parametrize("lang, words", [
    ("en", ["observed information", "lme4", "σ²(X′V⁻¹X)⁻¹", "z-test"]),
    ("nl", ["waargenomen informatie", "lme4", "σ²(X′V⁻¹X)⁻¹", "z-toets"]),
])
def test_the_mixed_model_standard_error_is_named(lang, words):
    definition = METHODS["did"][2][lang]
    assert all(w in definition for w in words)


def test_the_rules_of_flags_mcnemar_and_alpha_are_stated():
    en = " ".join(methods_table("en")["What it is"])
    assert "within chance" in en and "McNemar" in en and "never pooled" in en
    assert "1 − 3/(8n − 9)" in en


def test_methods_table_shows_only_the_methods_it_is_told_are_used():
    ids = {k for k, v in METHODS.items() if v[0] == "follow_up"}
    names = list(methods_table("en", ["follow_up"], used=ids - {"preconditions"})["Method"])
    assert len(names) == len(ids) - 1 and "Preconditions scorecard" not in names


@pytest.mark.parametrize("results, absent, present", [
    # counts at one stage: composition only, nothing about drop-out
    ({"representativeness": {"settings": {"one_stage": True}}}, {"attrition"}, {"wilson", "gof"}),
    ({"representativeness": {"settings": {"one_stage": False}}}, set(), {"attrition"}),
    # surveys without the DRI instrument, without control group, without weighting
    ({"attitudes": {"settings": {"has_control": False}}}, {"dri", "did", "raking"}, {"paired"}),
    ({"attitudes": {"settings": {"has_control": True}, "dri": {"group": []}, "weighting": {"n_eff": 150.2}}},
     set(), {"dri", "did", "raking"}),
    # a register outside the Dutch 2023 framework
    ({"follow_up": {"preconditions": None}}, {"preconditions"}, {"rates", "latency"}),
])
def test_methods_used_follow_the_key_figures(results, absent, present):
    used = methods_used(results)
    assert not used & absent and present <= used


def test_the_methods_notebook_lists_only_the_sections_the_forum_supports(tmp_path):
    from pathlib import Path

    import nbformat
    import papermill as pm

    repo = Path(__file__).resolve().parents[2]
    out = tmp_path / "80.ipynb"
    # the Irish assembly: published counts at one stage and a register (no surveys), no Dutch preconditions
    pm.execute_notebook(str(repo / "notebooks" / "80_methods.ipynb"), str(out), kernel_name="python3",
                        parameters=dict(forum_dir=str(repo / "surveys" / "ierland-2016"), lang="en"),
                        cwd=str(repo / "notebooks"), progress_bar=False, log_output=False)
    html = " ".join("".join(o["data"]["text/html"]) for c in nbformat.read(out, as_version=4).cells
                    for o in c.get("outputs", []) if "text/html" in o.get("data", {}))
    assert "Response time" in html and "Small-cell suppression" in html.replace("Privacy: small", "Small")
    assert "Wilson interval" in html and "Drop-out by group" not in html  # composition, nothing about drop-out
    assert "Paired t-test" not in html and "Preconditions scorecard" not in html
    # the disclosure rules of the attitudes' distribution charts and support shares: no attitudes, no rule
    assert "Distribution of answers" not in html and "Support and" not in html
    assert "Tests over tables with hidden cells" in html  # the data section's rules that apply stay
