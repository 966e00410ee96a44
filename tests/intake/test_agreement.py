"""Category agreement between the two sides of every comparison (toolkit.intake.agreement)."""
import pandas as pd

from toolkit.intake.agreement import category_problems, reference_problems

ITEMS = {"A": {"type": "scale", "scale": [0, 10]}, "K": {"type": "categorical"}, "T": {"type": "text"}}


def _ref(item, codes, category="eens"):
    return pd.DataFrame({"item": [item], "category": [category], "codes": [codes]})


def test_reference_codes_within_the_scale_pass():
    assert reference_problems(_ref("A", "6-10"), ITEMS, file="ref.csv") == []
    assert reference_problems(_ref("A", "0|10"), ITEMS, file="ref.csv") == []


def test_reference_codes_outside_the_scale_are_named_with_the_scale():
    (p,) = reference_problems(_ref("A", "4|11"), ITEMS, file="ref.csv")
    assert (p.row, p.column, p.value) == (2, "codes", "4|11")
    assert p.message.endswith("no answer values of the item: 11 (the codebook's scale of 'A' is 0-10)")


def test_reference_reversed_range_is_no_answer_value():
    (p,) = reference_problems(_ref("A", "10-6"), ITEMS, file="ref.csv")
    assert "10-6" in p.message


def test_reference_item_of_unknown_scale_needs_numeric_codes():
    assert reference_problems(_ref("K", "1|2"), ITEMS, file="ref.csv") == []
    (p,) = reference_problems(_ref("K", "ja"), ITEMS, file="ref.csv")
    assert "(the answers are numbers)" in p.message


def test_reference_item_missing_from_codebook_lists_both_sides():
    (p,) = reference_problems(_ref("Q", "6-10"), ITEMS, file="x/ref.csv")
    assert p.file == "x/ref.csv"
    assert "(ref.csv has Q; the codebook has A, K; only in ref.csv: Q)" in p.message


def test_reference_without_codes_uses_the_category_as_answer_value():
    assert reference_problems(_ref("A", None, category="7"), ITEMS, file="ref.csv") == []
    (p,) = reference_problems(_ref("A", None), ITEMS, file="ref.csv")
    assert "the opinion 'eens' has no codes" in p.message


def test_public_input_extra_category_is_one_way():
    # one_way: a benchmark category nobody chose is a counted 0; a public answer the benchmark lacks is an error
    assert category_problems({"g": ["man"]}, {"g": ["man", "vrouw"]}, file="p.csv", side_name="p.csv",
                             benchmark_name="b", both_ways=False) == []
    (p,) = category_problems({"g": ["man", "x"]}, {"g": ["man", "vrouw"]}, file="p.csv", side_name="p.csv",
                             benchmark_name="b", both_ways=False)
    assert "only in p.csv: x" in p.message and "only in b" not in p.message


def test_the_hint_writes_the_recode_in_forum_yml_syntax_with_the_allowed_categories():
    p = category_problems({"education": ["laag", "midden", "hoog"]}, {"education": ["laag", "middelbaar", "hoog"]},
                          file="deelnemers.csv", side_name="deelnemers.csv", benchmark_name="the benchmark",
                          both_ways=False, recode_key="forum.yml inputs.members.recode")
    assert p[0].hint.startswith("Recode the values in forum.yml: inputs: {members: {file: deelnemers.csv, recode: "
                                "{education: {midden: <one of laag, middelbaar, hoog>}}}}")
    # the hint is valid YAML once the placeholder is filled in
    import yaml

    written = p[0].hint.split("forum.yml: ", 1)[1].split(";", 1)[0].replace("<one of laag, middelbaar, hoog>", "middelbaar")
    assert yaml.safe_load(written) == {"inputs": {"members": {"file": "deelnemers.csv",
                                                              "recode": {"education": {"midden": "middelbaar"}}}}}


def test_the_codebook_hint_is_in_codebook_syntax_and_quotes_what_yaml_would_misread():
    p = category_problems({"gender": ["ja", "vrouw"]}, {"gender": ["man", "vrouw"]}, file="codebook.yml",
                          side_name="codebook.yml", benchmark_name="the benchmark",
                          recode_key="codebook.yml demographics.<variable>.recode")
    assert 'in codebook.yml: demographics: {gender: {recode: {"ja": <one of man, vrouw>}}}' in p[0].hint
