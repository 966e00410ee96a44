"""Follow-up figures on small registers whose answers were worked out by hand."""
from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from conftest import AS_OF, HANDOVER, assessment, commitments, no_responses, register
from toolkit.stats.follow_up import register as fu
from toolkit.sections.follow_up import figures as FIG
from toolkit.stats.follow_up import preconditions as pc
from toolkit.intake.register import VOCABULARY, load_preconditions, read_recommendations
from toolkit.sections.follow_up.charts import latency_chart, status_chart
from toolkit.sections.follow_up.tables import rates_table, scorecard_table
from toolkit.sections.follow_up.text import sentences

# ------------------------------------------------------------------------------- rates
def test_rates_overall_by_hand():
    r = fu.response_rates(register()).iloc[0]
    # responded: R1-R4 = 4/5; strict: R1 = 1/5; partial: (1 + 0.5)/5; any: R1, R2 = 2/5
    assert r["n"] == 5 and r["n_responded"] == 4 and r["n_no_response"] == 1
    assert r["response_rate"] == pytest.approx(0.8)
    assert (r["adoption_rate_strict"], r["adoption_rate_partial"], r["adoption_rate_any"]) == pytest.approx((0.2, 0.3, 0.4))
    # support sum = 0.9+0.8+0.5+0.6+0.7 = 3.5; responded support = 2.8 -> 0.8
    # strict 0.9/3.5; partial (0.9 + 0.5*0.8)/3.5 = 1.3/3.5; any (0.9+0.8)/3.5 = 1.7/3.5
    assert r["weighted_response_rate"] == pytest.approx(2.8 / 3.5)
    assert r["weighted_adoption_rate_strict"] == pytest.approx(0.9 / 3.5)
    assert r["weighted_adoption_rate_partial"] == pytest.approx(1.3 / 3.5)
    assert r["weighted_adoption_rate_any"] == pytest.approx(1.7 / 3.5)


def test_rates_per_theme_and_addressee_by_hand():
    t = fu.response_rates(register(), by="theme").set_index("theme")
    # energy: R1 adopted, R2 in part -> response 1, partial (1+0.5)/2; mobility: 2 of 3 responded, none adopted
    assert t.loc["energy", "response_rate"] == 1.0 and t.loc["energy", "adoption_rate_partial"] == 0.75
    assert t.loc["mobility", "response_rate"] == pytest.approx(2 / 3) and t.loc["mobility", "adoption_rate_any"] == 0
    a = fu.response_rates(register(), by="addressed_to").set_index("addressed_to")
    # cabinet R1, R3, R5: 2/3 responded; ministry R2, R4: 2/2; ministry partial 0.5/2
    assert a.loc["cabinet", "response_rate"] == pytest.approx(2 / 3)
    assert a.loc["ministry", "adoption_rate_partial"] == 0.25
    both = fu.response_rates(register(), by=["theme", "addressed_to"])
    assert len(both) == 4 and both["n"].sum() == 5


def test_rates_with_no_responses_and_no_support():
    r = fu.response_rates(no_responses()).iloc[0]
    assert r["response_rate"] == 0 and r["adoption_rate_partial"] == 0 and r["n_with_support"] == 0
    assert math.isnan(r["weighted_response_rate"])


def test_rates_of_empty_register_are_nan():
    r = fu.response_rates(register().iloc[:0]).iloc[0]
    assert r["n"] == 0 and math.isnan(r["response_rate"])


# ------------------------------------------------------------------------------- latency
def test_latency_by_hand():
    lat = fu.latency(register(), HANDOVER, 90, AS_OF).set_index("id")
    assert lat["days_to_response"].iloc[:4].tolist() == [45, 90, 91, 106]
    assert lat["late"].tolist() == [False, False, True, True, True]
    assert lat["days_overdue"].tolist() == [0, 0, 1, 16, 47]
    assert lat.loc["R5", "days_waiting"] == 137 and lat["days_waiting"].iloc[:4].isna().all()
    assert (lat["due_date"] == pd.Timestamp("2025-04-15")).all()
    s = fu.latency_summary(lat.reset_index())
    # on time: R1, R2; late: R3, R4; median of 45, 90, 91, 106 = (90 + 91) / 2; mean 332 / 4
    assert (s["n_on_time"], s["n_late"], s["n_waiting"], s["n_waiting_overdue"]) == (2, 2, 1, 1)
    assert s["share_responded_on_time"] == pytest.approx(0.4)
    assert (s["median_days_to_response"], s["mean_days_to_response"], s["max_days_to_response"]) == (90.5, 83.0, 106.0)
    assert s["days_waiting"] == 137.0


def test_latency_no_responses_yet_before_and_after_due_date():
    # 15 Jan -> 14 Feb = 30 days: waiting, not yet due
    early = fu.latency_summary(fu.latency(no_responses(), HANDOVER, 90, "2025-02-14"))
    assert (early["n_responded"], early["n_waiting"], early["n_waiting_overdue"], early["days_waiting"]) == (0, 3, 0, 30.0)
    # not yet due: no share on time at all (it was 0.0, "0% on time", before the term had ended)
    assert early["median_days_to_response"] is None and early["share_responded_on_time"] is None
    assert (early["n_not_yet_due"], early["n_term_decided"]) == (3, 0)
    # 15 Jan -> 1 May = 106 days: 16 days overdue each
    lat = fu.latency(no_responses(), HANDOVER, 90, "2025-05-01")
    assert lat["days_overdue"].tolist() == [16, 16, 16] and lat["late"].all()


def test_latency_without_promise():
    lat = fu.latency(register(), HANDOVER, None, AS_OF)
    assert lat["late"].isna().all() and lat["due_date"].isna().all()
    s = fu.latency_summary(lat)
    assert s["share_responded_on_time"] is None and s["n_on_time"] == 0 and s["median_days_to_response"] == 90.5


def test_latency_on_register_read_with_dutch_dates(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("id;title;theme;addressed_to;response;response_date;response_source\n"
                    "R1;A;x;k;overgenomen;1 maart 2025;d\nR2;B;x;k;afgewezen;16-4-2025;d\nR3;C;x;k;in overweging;1 mei 2025;d\n"
                    "R4;D;x;k;deels overgenomen;15 apr 2025;d\n", encoding="utf-8")
    reg = read_recommendations(path, handover_date="15-1-2025", as_of="1 juni 2025")
    lat = fu.latency(reg, "2025-01-15", 90, "2025-06-01")
    assert lat["days_to_response"].tolist() == [45, 91, 106, 90]
    assert lat["late"].tolist() == [False, True, True, False]


# ------------------------------------------------------------------------------- status
def entries():
    return pd.DataFrame({"recommendation_id": ["R1", "R1", "R2", "R2"],
                         "date": pd.to_datetime(["2025-02-01", "2025-05-01", "2025-03-01", "2025-07-01"]),
                         "status": ["in_preparation", "implemented", "in_progress", "abandoned"],
                         "source": ["a", "b", "c", "d"]})


def test_status_timeline_by_hand():
    t = fu.status_timeline(entries(), AS_OF, ["R1", "R2", "R3"], HANDOVER)
    # dates: handover 15 Jan, 1 Feb, 1 Mar, 1 May, as_of 1 Jun (1 Jul is after as_of) -> 5 x 3 rows
    assert len(t) == 15 and t["date"].nunique() == 5
    wide = t.pivot(index="date", columns="recommendation_id", values="status")
    assert wide.loc[pd.Timestamp("2025-01-15")].tolist() == ["no_information"] * 3
    assert wide.loc[pd.Timestamp("2025-03-01")].tolist() == ["in_preparation", "in_progress", "no_information"]
    assert wide.loc[pd.Timestamp("2025-06-01")].tolist() == ["implemented", "in_progress", "no_information"]


def test_current_status_by_hand():
    c = fu.current_status(entries(), AS_OF, ["R1", "R2", "R3"]).set_index("recommendation_id")
    assert c["status"].tolist() == ["implemented", "in_progress", "no_information"]
    assert c.loc["R1", "status_date"] == pd.Timestamp("2025-05-01") and pd.isna(c.loc["R3", "status_date"])
    assert c["n_entries"].tolist() == [2, 1, 0] and c.loc["R2", "source"] == "c"


# ------------------------------------------------------------------------------- commitments (tests: test_commitments.py)


# ------------------------------------------------------------------------------- codes and exports
def test_codes_agree_with_the_reader():
    assert fu.RESPONSES == VOCABULARY["response"] and fu.STATUSES == VOCABULARY["status"]
    assert pc.ASSESSMENTS == VOCABULARY["assessment"]


# ------------------------------------------------------------------------------- key figures
def _plain_only(x):
    if isinstance(x, dict):
        return all(isinstance(k, str) and _plain_only(v) for k, v in x.items())
    if isinstance(x, list):
        return all(_plain_only(v) for v in x)
    return x is None or type(x) in (str, int, float, bool)


def key_figures(reg=None, as_of=AS_OF):
    debate = pd.DataFrame({"recommendation_id": [None, "R5"], "kind": ["debate", "motion"],
                           "date": pd.to_datetime(["2025-05-20", "2025-05-21"]), "outcome": ["held", "adopted"]})
    return FIG.key_figures(register() if reg is None else reg, handover_date=HANDOVER, promised_days=90, as_of=as_of,
                          implementation=entries(), parliament=debate, commitments=commitments(),
                          assessment=assessment(), preconditions=load_preconditions(), data_links={"session_hours": 42.5})


def test_key_figures_layout_and_plain_types():
    kf = key_figures()
    json.dumps(kf, allow_nan=False)
    assert _plain_only(kf)
    assert kf["response_due_date"] == "2025-04-15" and kf["n_recommendations"] == 5
    r5 = kf["recommendations"][4]
    assert r5 == {**r5, "id": "R5", "response": "no_response", "response_date": None, "days_waiting": 137.0,
                  "late": True, "status": "no_information", "status_date": None}
    r1 = kf["recommendations"][0]
    assert (r1["response_date"], r1["days_to_response"], r1["status"], r1["status_date"]) == ("2025-03-01", 45.0, "implemented", "2025-05-01")
    assert kf["rates"]["overall"]["n"] == 5 and kf["rates"]["overall"]["adoption_rate_partial"] == pytest.approx(0.3)
    assert [t["theme"] for t in kf["rates"]["by_theme"]] == ["energy", "mobility"]
    assert kf["latency"]["n_late"] == 2
    assert kf["implementation"]["counts"]["implemented"] == 1 and kf["implementation"]["n_updates"] == 3
    assert kf["parliament"] == {"n_motions": 1, "n_debates": 1, "n_questions": 0, "n_motions_adopted": 1}
    items = {p["id"]: p for p in kf["preconditions"]["items"]}
    assert items["time_support"]["evidence_count"] == 2 and items["time_support"]["indicator_value"] == 42.5
    assert items["clarity_follow_up"]["indicator_value"] == pytest.approx(0.8)        # response rate
    assert items["political_embedding"]["indicator_value"] == pytest.approx(0.4)      # on time share
    assert kf["preconditions"]["counts"] == {"met": 1, "partly_met": 1, "not_met": 0, "unknown": 9}


def test_key_figures_and_sentences_with_no_responses_yet():
    kf = key_figures(no_responses(), as_of="2025-02-14")
    json.dumps(kf, allow_nan=False)
    assert kf["rates"]["overall"]["response_rate"] == 0.0 and kf["rates"]["overall"]["weighted_response_rate"] is None
    nl = sentences(kf, "nl")
    assert "Op 14 februari 2025 was op geen van de 3 aanbevelingen formeel gereageerd." in nl
    assert any("uiterlijk 15 april 2025" in s for s in nl)


def test_sentences_state_promise_and_outcome_with_dutch_and_english_dates():
    kf = key_figures()
    nl, en = sentences(kf, "nl"), sentences(kf, "en")
    assert nl[0] == ("Het advies is op 15 januari 2025 overhandigd. Beloofd was een formele reactie binnen 90 dagen, "
                     "dus uiterlijk 15 april 2025.")
    assert any("Op 1 juni 2025 was op 4 van de 5 aanbevelingen formeel gereageerd: 2 binnen de termijn en 2 te laat" in s for s in nl)
    assert "Toezegging ‘debat’ (uiterlijk 14 juli 2025): nagekomen op 20 mei 2025." in nl
    assert any("1 overgenomen, 1 deels overgenomen, 1 in overweging en 1 afgewezen" in s for s in nl)
    assert en[0].startswith("The advice was handed over on 15 January 2025.")
    assert "Commitment ‘debat’ (by 14 July 2025): kept on 20 May 2025." in en


def test_views_return_figure_and_alt_text():
    import matplotlib.pyplot as plt

    fig, alt = status_chart(fu.status_timeline(entries(), AS_OF, ["R1", "R2", "R3"], HANDOVER), "nl")
    assert "1 uitgevoerd" in alt and "15 januari 2025 tot 1 juni 2025" in alt
    plt.close(fig)
    fig, alt = latency_chart(fu.latency(register(), HANDOVER, 90, AS_OF), 90, "en")
    assert alt.startswith("Bar chart of 5 recommendations: 2 got a formal response on time, 2 late and 1 is still waiting")
    plt.close(fig)
    table = scorecard_table(pc.precondition_scorecard(assessment(), load_preconditions()), "en")
    assert list(table.columns)[:3] == ["Precondition", "OECD criterion", "Assessment"]
    assert table.iloc[0, 0] == "A fitting question and mandate"
    assert rates_table(fu.response_rates(register(), "theme"), "nl", "theme").iloc[0].tolist()[:3] == ["energy", "2", "100%"]


def test_key_figures_sessions_give_session_hours():
    sessions = pd.DataFrame({"date": pd.to_datetime(["2024-10-05", "2024-10-19"]), "hours": [6.5, 2.5]})
    kf = FIG.key_figures(register(), handover_date=HANDOVER, promised_days=90, as_of=AS_OF, sessions=sessions,
                        preconditions=load_preconditions())
    assert kf["sessions"] == {"n_sessions": 2, "hours": 9.0, "first_date": "2024-10-05", "last_date": "2024-10-19"}
    items = {p["id"]: p for p in kf["preconditions"]["items"]}
    assert items["time_support"]["indicator_value"] == 9.0
    assert FIG.key_figures(register(), handover_date=HANDOVER, promised_days=90, as_of=AS_OF)["sessions"] is None


def test_latency_day_one_of_a_six_month_term_is_not_yet_due():
    lat = fu.latency(no_responses(), "2025-01-15", 182, "2025-01-16")
    assert lat["term_status"].tolist() == ["not_yet_due"] * 3 and lat["late"].isna().all()
    assert fu.latency_summary(lat)["share_responded_on_time"] is None


def test_latency_from_each_recommendations_own_handover():
    # two reports: R1 handed over 2017-06-29 (answered 2017-12-20: 174 days), R2 on 2018-04-18
    # (answered 2018-07-03: 76 days); a 90-day term is late for R1 and on time for R2
    reg = pd.DataFrame({"id": ["R1", "R2"], "response": ["adopted", "rejected"],
                        "response_date": pd.to_datetime(["2017-12-20", "2018-07-03"]),
                        "handover_date": pd.to_datetime(["2017-06-29", "2018-04-18"])})
    lat = fu.latency(reg, "2017-06-29", 90, "2019-01-01")
    assert lat["days_to_response"].tolist() == [174.0, 76.0]
    assert lat["term_status"].tolist() == ["late", "on_time"]
    assert fu.latency_summary(lat)["share_responded_on_time"] == 0.5


def test_latency_month_only_dates_decide_only_what_the_whole_month_decides():
    reg = pd.DataFrame({"id": ["A", "B", "C"], "response": ["adopted", "adopted", "adopted"],
                        "response_date": pd.to_datetime(["2025-02-01", "2025-04-01", "2025-06-01"]),
                        "response_date_precision": ["month", "month", "month"]})
    # handover 15 Jan, 90 days: due 15 April. February: on time; April: open; June: late
    lat = fu.latency(reg, "2025-01-15", 90, "2025-07-01")
    assert lat["term_status"].tolist() == ["on_time", "undecided", "late"]
    assert lat["days_to_response"].isna().all() and lat["months_to_response"].tolist() == [1.0, 3.0, 5.0]
    s = fu.latency_summary(lat)
    assert (s["n_undecided"], s["n_term_decided"], s["share_responded_on_time"], s["n_month_only"]) == (1, 2, 0.5, 3)


def test_unknown_response_is_counted_but_outside_the_rates_base():
    reg = pd.DataFrame({"response": ["adopted", "no_response", "unknown", "unknown"], "support": math.nan})
    r = fu.response_rates(reg).iloc[0]
    assert (r["n"], r["n_unknown"], r["n_known"], r["response_rate"], r["adoption_rate_strict"]) == (4, 2, 2, 0.5, 0.5)
    lat = fu.latency(reg.assign(id=list("abcd"), response_date=pd.NaT), "2025-01-15", 90, "2025-06-01")
    assert lat["term_status"].tolist() == ["undecided", "waiting_overdue", "unknown", "unknown"]
    assert lat["waiting"].tolist() == [False, True, False, False]
