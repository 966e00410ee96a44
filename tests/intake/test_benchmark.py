"""The population the forum is compared with (toolkit.intake.benchmark): benchmark shares and reference attitudes."""
from __future__ import annotations

import pandas as pd
import pytest

from toolkit.errors import InputError
from toolkit.intake.benchmark import categories_from_benchmark, read_benchmark, read_reference_attitudes
from conftest import write, problems_of


def test_dutch_thousands_separators_and_percent_signs(tmp_path):
    text = ("variable;category;count;share;source;year;age_range\n"
            "region;Noord;1.320.800;;85525NED;2022;15-75\nregion;Zuid;2.838.200;;85525NED;2022;15-75\n"
            "gender;man;;49,7%;x;2023;all\ngender;vrouw;;50,3%;x;2023;all\n")
    out = read_benchmark(write(tmp_path / "b.csv", text, "cp1252")).set_index("category")
    assert out.loc["Noord", "count"] == 1_320_800
    assert out.loc["Noord", "share"] == pytest.approx(1_320_800 / 4_159_000)
    assert out.loc["man", "share"] == pytest.approx(0.497)


def test_comma_space_separated_with_quoted_note(tmp_path):
    text = ('variable, category, share, source, year, age_range, note\n'
            'gender, man, 0.5, x, 2023, all, "CBS, 2023"\ngender, vrouw, 0.5, x, 2023, all,\n')
    out = read_benchmark(write(tmp_path / "b.csv", text))
    assert out["note"].tolist()[0] == "CBS, 2023" and pd.isna(out["note"].iloc[1])


def test_benchmark_problems_are_all_reported(tmp_path):
    text = ("variable,category,share,source,year,age_range\n"
            "gender,man,49.7,x,2023,all\ngender,vrouw,50.3,x,2023,all\n"
            "age,a,0.5,x,20x3,all\nage,a,0.3,,2023,all\n")
    with pytest.raises(InputError, match="look like percentages") as exc:
        read_benchmark(write(tmp_path / "b.csv", text))
    found = {(p.row, p.column, p.message.split(" (")[0]) for p in problems_of(exc)}
    assert (4, "year", "not a whole number") in found
    assert (5, "source", "empty cell where a value is required") in found
    assert any("appears more than once" in m for _, _, m in found)
    assert any("add up to 0.8, not 1" in m for _, _, m in found)
    assert all(p.file == "b.csv" for p in problems_of(exc))


def test_benchmark_needs_share_or_count(tmp_path):
    with pytest.raises(InputError, match="neither a 'share' nor a 'count' column"):
        read_benchmark(write(tmp_path / "b.csv", "variable,category,source,year,age_range\ng,a,x,1,all\n"))
    text = "variable,category,share,count,source,year,age_range\ng,a,0.5,,x,2020,all\ng,b,,10,x,2020,all\n"
    with pytest.raises(InputError, match="categories without a share or count"):
        read_benchmark(write(tmp_path / "c.csv", text))


def test_categories_from_benchmark_skips_joint_variables():
    b = pd.DataFrame({"variable": ["g", "g", "g:a"], "category": ["m", "v", "m:1"]})
    assert categories_from_benchmark(b) == {"g": ["m", "v"]}


def test_reference_attitudes(tmp_path):
    text = "item,category,share,source,year\nq,eens,0.7,x,2023\nq,oneens,0.5,x,2023\nr,ja,1.5,x,2023\n"
    with pytest.raises(InputError) as exc:
        read_reference_attitudes(write(tmp_path / "a.csv", text))
    text_of = "\n".join(map(str, problems_of(exc)))
    assert "shares of item 'q' add up to 1.2, more than 1" in text_of
    assert "row 4, column 'share'" in text_of


def test_optional_dutch_note(tmp_path):
    with_nl = ("variable,category,share,source,year,age_range,note,note_nl\n"
               "gender,man,0.5,x,2023,all ages,All ages,Alle leeftijden\n"
               "gender,vrouw,0.5,x,2023,all ages,All ages,\n")
    out = read_benchmark(write(tmp_path / "nl.csv", with_nl))
    assert out["note_nl"].iloc[0] == "Alle leeftijden" and pd.isna(out["note_nl"].iloc[1])
    assert out["note"].tolist() == ["All ages", "All ages"]
    # a file with only `note` (or no note at all) still reads, with an empty note_nl
    for text in ("variable,category,share,source,year,age_range,note\n"
                 "gender,man,0.5,x,2023,all ages,All ages\ngender,vrouw,0.5,x,2023,all ages,All ages\n",
                 "variable,category,share,source,year,age_range\n"
                 "gender,man,0.5,x,2023,all ages\ngender,vrouw,0.5,x,2023,all ages\n"):
        out = read_benchmark(write(tmp_path / "en.csv", text))
        assert list(out.columns)[-2:] == ["note", "note_nl"] and out["note_nl"].isna().all()


def test_results_json_gives_dutch_notes_only_when_the_file_has_them(tmp_path):
    from types import SimpleNamespace

    from toolkit.report.results import benchmark_provenance

    text = ("variable,category,share,source,year,age_range,note{}\n"
            "gender,man,0.5,x,2023,all ages,All ages{}\ngender,vrouw,0.5,x,2023,all ages,All ages{}\n")
    for name, cols, cells in (("nl.csv", ",note_nl", ",Alle leeftijden"), ("en.csv", "", "")):
        path = write(tmp_path / name, text.format(cols, cells, cells))
        forum = SimpleNamespace(inputs={"benchmark": read_benchmark(path)},
                                config={"inputs": {"benchmark": str(path)}, "folder": str(tmp_path)})
        (var,) = benchmark_provenance(forum)["variables"]
        assert var["notes"] == ["All ages"]
        assert var.get("notes_nl") == (["Alle leeftijden"] if cols else None)


def test_benchmark_names_one_area(tmp_path):
    text = ("variable,category,share,source,year,age_range,area\n"
            "gender,man,0.49,x,2024,all,Gemeente Utrecht\ngender,vrouw,0.51,x,2024,all, Gemeente Utrecht \n")
    assert read_benchmark(write(tmp_path / "b.csv", text))["area"].str.strip().unique().tolist() == ["Gemeente Utrecht"]
    without = "variable,category,share,source,year,age_range\ngender,man,0.5,x,2024,all\ngender,vrouw,0.5,x,2024,all\n"
    assert read_benchmark(write(tmp_path / "c.csv", without))["area"].isna().all()


def test_benchmark_with_two_areas_or_an_empty_one_names_row_and_value(tmp_path):
    text = ("variable,category,share,source,year,age_range,area\n"
            "gender,man,0.49,x,2024,all,Nederland\ngender,vrouw,0.51,x,2024,all,Gemeente Utrecht\n"
            "age,a,1,x,2024,all,\n")
    with pytest.raises(InputError, match="one benchmark file covers one area") as exc:
        read_benchmark(write(tmp_path / "b.csv", text))
    found = {(p.file, p.row, p.column, p.value) for p in problems_of(exc)}
    assert ("b.csv", 3, "area", "Gemeente Utrecht") in found
    assert ("b.csv", 4, "area", None) in found


def test_shipped_benchmark_covers_the_netherlands():
    from toolkit.benchmarks.cbs import default_benchmark_path

    assert read_benchmark(default_benchmark_path())["area"].unique().tolist() == ["Nederland"]
