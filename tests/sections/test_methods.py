"""The methods section names the choices a reviewer will question (issue 14)."""
from __future__ import annotations

import pytest

from toolkit.sections.methods import METHODS, methods_table


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
