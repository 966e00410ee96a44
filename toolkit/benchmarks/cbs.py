"""The Dutch population benchmark, from CBS StatLine tables.

:func:`benchmark_from_tables` turns four small CBS tables into the benchmark format
(``variable, category, share, count, source, year, age_range, area, note, note_nl``; area Nederland). The shipped default,
``toolkit/benchmarks/data/nl_default.csv``, is built from copies of CBS figures in
``toolkit/benchmarks/data/cbs_raw/`` by ``scripts/build_nl_benchmark.py``; :func:`refresh_benchmark_from_cbs`
fetches the same tables with ``cbsodata`` when online. No table gives adults (18+) directly;
every row's ``note`` says what the figure covers (in English; ``note_nl`` says the same in Dutch).
"""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Callable

import pandas as pd

from toolkit.errors import InputError, Problem

__all__ = ["DEFAULT_BENCHMARK", "NATIONAL_AREA", "KWB_TABLES", "KWB_DEFAULT_TABLE", "KWB_FIELDS",
           "local_benchmark_from_cbs", "fetch_local_benchmark", "LANDSDELEN", "FIELDS", "benchmark_from_tables", "education_from_csv",
           "load_raw_tables", "default_benchmark_path", "refresh_benchmark_from_cbs"]

#: File name of the shipped benchmark inside toolkit/benchmarks/data/.
DEFAULT_BENCHMARK = "nl_default.csv"
#: CBS landsdelen -> the example forum's region categories.
LANDSDELEN = {"Noord-Nederland": "Noord", "Oost-Nederland": "Oost", "West-Nederland": "West",
              "Zuid-Nederland": "Zuid"}
_PROVINCES = {"Noord": "Groningen, Fryslân, Drenthe", "Oost": "Overijssel, Flevoland, Gelderland",
              "West": "Utrecht, Noord-Holland, Zuid-Holland, Zeeland", "Zuid": "Noord-Brabant, Limburg"}
_COLUMNS = ["variable", "category", "share", "count", "source", "year", "age_range", "area", "note", "note_nl"]
#: The area every figure of the shipped benchmark covers (column ``area``).
NATIONAL_AREA = "Nederland"


def default_benchmark_path() -> Path:
    """Path of the shipped Dutch benchmark CSV."""
    return Path(str(resources.files("toolkit.benchmarks") / "data" / DEFAULT_BENCHMARK))


def education_from_csv(df: pd.DataFrame) -> pd.DataFrame:
    """Collapse the five CBS levels of the copied 85525NED file into laag/middelbaar/hoog.

    laag = 11 + 12, middelbaar = 21, hoog = 31 + 32 (percentages as published).

    Examples
    --------
    >>> raw = pd.DataFrame({"regio": ["Nederland"], "bevolking_15_75": [100], "pct_11_a": [8.6],
    ...     "pct_12_b": [17.6], "pct_21_c": [41.7], "pct_31_d": [20.1], "pct_32_e": [11.9]})
    >>> education_from_csv(raw)[["laag", "middelbaar", "hoog"]].round(1).values.tolist()
    [[26.2, 41.7, 32.0]]
    """
    def level(prefix):
        return df[[c for c in df.columns if c.startswith(prefix)]].sum(axis=1)

    return pd.DataFrame({"regio": df["regio"], "bevolking_15_75": df["bevolking_15_75"],
                         "laag": level("pct_11") + level("pct_12"), "middelbaar": level("pct_21"),
                         "hoog": level("pct_31") + level("pct_32")})


def load_raw_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read the copied CBS files of ``toolkit/benchmarks/data/cbs_raw/`` as the inputs of the builder."""
    folder = Path(folder)
    return {
        "sex": pd.read_csv(folder / "85496NED_kerncijfers_sex.csv"),
        "age": pd.read_csv(folder / "37296ned_kerncijfers_age_counts.csv"),
        "migration": pd.read_csv(folder / "37296ned_migratieachtergrond_2018.csv"),
        "education": education_from_csv(
            pd.read_csv(folder / "85525NED_onderwijsniveau_regio_2022_15-75.csv")),
    }


def _rows(variable, counts: dict, source, year, age_range, notes: dict, share=None) -> list[dict]:
    """Benchmark rows; `notes` maps each category to its ``(note, note_nl)``: English and Dutch."""
    total = sum(counts.values())
    return [{"variable": variable, "category": cat,
             "share": (share or counts)[cat] / (sum(share.values()) if share else total),
             "count": None if share else counts[cat], "source": source, "year": year,
             "age_range": age_range, "area": NATIONAL_AREA, "note": notes[cat][0], "note_nl": notes[cat][1]} for cat in counts]


def _nl_number(x: float) -> str:
    """One decimal with the Dutch decimal comma: ``26,2``."""
    return f"{x:.1f}".replace(".", ",")


def _education_notes(levels: dict[str, float], year: int) -> dict[str, tuple[str, str]]:
    """Per level ``(note, note_nl)``.

    Examples
    --------
    >>> en, nl = _education_notes({"laag": 26.2, "middelbaar": 41.7, "hoog": 32.0}, 2022)["laag"]
    >>> nl.split("; ")[1:]
    ['CBS-niveaus 11+12 = 26,2%', 'de gepubliceerde percentages tellen op tot 99,9 en zijn herschaald zodat ze samen 1 zijn.']
    """
    codes = {"laag": "11+12", "middelbaar": "21", "hoog": "31+32"}
    total = sum(levels.values())
    percent = 99 <= total <= 101
    tail = (f"the published percentages add to {total:.1f} and are rescaled to add to 1." if percent
            else "share of those with a known level.")
    tail_nl = (f"de gepubliceerde percentages tellen op tot {_nl_number(total)} en zijn herschaald zodat ze "
               "samen 1 zijn." if percent else "aandeel van wie het niveau bekend is.")
    out = {}
    for k, v in levels.items():
        pct = 100 * v / (100 if percent else total)
        out[k] = (f"Highest level attained, ages 15-75 (not 18+), {year} (provisional), the Netherlands; "
                  f"CBS levels {codes[k]} = {pct:.1f}%; {tail}",
                  f"Hoogst behaald opleidingsniveau, 15-75 jaar (niet 18+), {year} (voorlopige cijfers), "
                  f"Nederland; CBS-niveaus {codes[k]} = {_nl_number(pct)}%; {tail_nl}")
    return out


def benchmark_from_tables(sex: pd.DataFrame, age: pd.DataFrame, migration: pd.DataFrame,
                          education: pd.DataFrame, *, sex_year: int = 2023, age_year: int = 2019,
                          migration_year: int = 2018, education_year: int = 2022) -> pd.DataFrame:
    """Build the benchmark from the four CBS tables (formats of ``toolkit/benchmarks/data/cbs_raw/``).

    Parameters
    ----------
    sex : DataFrame
        85496NED: ``year, total, men, women``.
    age : DataFrame
        37296ned: ``year, total, under_20, 20_40, 40_65, 65_80, 80_plus``.
    migration : DataFrame
        37296ned on 1 January `migration_year`: ``category`` (``nederlandse_achtergrond``,
        ``westers``, ``niet_westers``, ...) and one count column.
    education : DataFrame
        85525NED, ages 15-75: ``regio, bevolking_15_75, laag, middelbaar, hoog`` (percentages
        or counts); rows ``Nederland`` and the four landsdelen ``... (LD)``.
    sex_year, age_year, migration_year, education_year : int

    Returns
    -------
    DataFrame
        ``variable, category, share, count, source, year, age_range, area, note, note_nl`` (``area``
        ``Nederland``, ``note`` in English, ``note_nl`` the same in Dutch).

    Raises
    ------
    KeyError
        When a table lacks the requested year or row.
    """
    s = sex.set_index("year").loc[sex_year]
    a = age.set_index("year").loc[age_year]
    m = migration.set_index("category").iloc[:, 0]
    e = education.assign(regio=education["regio"].astype(str).str.strip()).set_index("regio")
    nl = e.loc["Nederland"]
    rows = _rows("gender", {"man": int(s["men"]), "vrouw": int(s["women"])}, "85496NED", sex_year,
                 "all ages", dict.fromkeys(("man", "vrouw"), (
                     f"Men and women of all ages (children included) on 1 January {sex_year}; not adults only.",
                     f"Mannen en vrouwen van alle leeftijden (ook kinderen) op 1 januari {sex_year}, niet alleen "
                     "volwassenen.")))
    ages = {"18-39": int(a["20_40"]), "40-64": int(a["40_65"]), "65-79": int(a["65_80"]),
            "80+": int(a["80_plus"])}
    base = f"Share of the population aged 20 and over on 1 January {age_year}"
    base_nl = f"Aandeel in de bevolking van 20 jaar en ouder op 1 januari {age_year}"
    rows += _rows("age_group", ages, "37296ned", age_year, "20+", {
        "18-39": (f"Covers ages 20-39 only: the table's youngest adult group is 20 to 40, so 18- and "
                  f"19-year-olds are missing. {base}.",
                  f"Alleen 20 tot en met 39 jaar: de jongste groep volwassenen in de tabel is 20 tot 40 jaar, "
                  f"dus 18- en 19-jarigen ontbreken. {base_nl}."),
        "40-64": (f"Ages 40-64. {base}.", f"40 tot en met 64 jaar. {base_nl}."),
        "65-79": (f"Ages 65-79. {base}.", f"65 tot en met 79 jaar. {base_nl}."),
        "80+": (f"Ages 80 and over. {base}.", f"80 jaar en ouder. {base_nl}.")})
    mig = {"geen": int(m["nederlandse_achtergrond"]), "westers": int(m["westers"]),
           "niet-westers": int(m["niet_westers"])}
    rows += _rows("migration_background", mig, "37296ned", migration_year, "all ages", dict.fromkeys(mig, (
        f"All ages (children included) on 1 January {migration_year}; CBS's westers/niet-westers "
        "classification of that year (CBS has since replaced it).",
        f"Alle leeftijden (ook kinderen) op 1 januari {migration_year}; de CBS-indeling naar westerse en "
        "niet-westerse migratieachtergrond van dat jaar (die het CBS inmiddels heeft vervangen).")))
    levels = {k: float(nl[k]) for k in ("laag", "middelbaar", "hoog")}
    rows += _rows("education", dict.fromkeys(levels, 0), "85525NED", education_year, "15-75",
                  _education_notes(levels, education_year), share=levels)
    regions = {LANDSDELEN[name]: int(e.loc[f"{name} (LD)", "bevolking_15_75"]) for name in LANDSDELEN}
    landsdeel = {short: name for name, short in LANDSDELEN.items()}
    rows += _rows("region", regions, "85525NED", education_year, "15-75", {
        r: (f"Population aged 15-75 of the landsdeel ({_PROVINCES[r]}), {education_year}.",
            f"Bevolking van 15-75 jaar in het landsdeel {landsdeel[r]} ({_PROVINCES[r]}), {education_year}.")
        for r in regions})
    out = pd.DataFrame(rows, columns=_COLUMNS)
    return out.astype({"count": "Int64", "year": "int64"})


# ----------------------------------------------------------------------------- cbsodata
#: Field names (without CBS's numeric suffix, case-insensitive) tried for each figure.
FIELDS = {
    "total": ["TotaleBevolking"], "men": ["Mannen"], "women": ["Vrouwen"],
    "under_20": ["JongerDan20Jaar", "k_0Tot20Jaar"], "20_40": ["k_20Tot40Jaar"],
    "40_65": ["k_40Tot65Jaar"], "65_80": ["k_65Tot80Jaar"], "80_plus": ["k_80JaarOfOuder"],
    "nederlandse_achtergrond": ["NederlandseAchtergrond"],
    "westers": ["WesterseMigratieachtergrond", "TotaalWesterseMigratieachtergrond"],
    "niet_westers": ["NietWesterseMigratieachtergrond", "TotaalNietWesterseMigratieachtergrond"],
    "laag": ["k_1Laag", "Laag"], "middelbaar": ["k_2Middelbaar", "Middelbaar"],
    "hoog": ["k_3HboWo", "k_3Hoog", "Hoog"],
    "bevolking_15_75": ["Totaal", "Bevolking", "Bevolking15Tot75Jaar"],
}
_EDUCATION_FILTER = ("Perioden eq '{year}JJ00' and Geslacht eq 'T001038' and Leeftijd eq '52052' "
                     "and (RegioS eq 'NL01' or substringof('LD', RegioS))")


def _field(row: dict, name: str, table: str, required: bool = True):
    wanted = {f.lower() for f in FIELDS[name]}
    for key, value in row.items():
        if re.sub(r"_\d+$", "", key).lower() in wanted:
            return value
    if required:
        raise InputError(Problem(f"CBS table {table}", f"no field for {name!r} in the response "
                                 f"(fields: {', '.join(sorted(row))})",
                                 "CBS may have renamed it: add the new name to toolkit.benchmarks.cbs.FIELDS"))
    return None


def _by_year(rows: list[dict], year: int) -> dict:
    for row in rows:
        if str(row.get("Perioden", "")).strip()[:4] == str(year):
            return row
    raise InputError(Problem("CBS", f"no figures for {year} in the response",
                             "Choose a year the table has"))


def _tables_from_cbs(get, sex_year, age_year, migration_year, education_year) -> dict[str, pd.DataFrame]:
    sex_row = _by_year(get("85496NED", filters=f"Perioden eq '{sex_year}JJ00'"), sex_year)
    kern = get("37296ned", filters=f"Perioden eq '{age_year}JJ00' or Perioden eq '{migration_year}JJ00'")
    age_row, mig_row = _by_year(kern, age_year), _by_year(kern, migration_year)
    ages = ["total", "under_20", "20_40", "40_65", "65_80", "80_plus"]
    migration = {k: _field(mig_row, k, "37296ned") for k in ("total", "nederlandse_achtergrond", "westers",
                                                               "niet_westers")}
    edu_rows = get("85525NED", filters=_EDUCATION_FILTER.format(year=education_year))
    education = []
    for row in edu_rows:
        levels = {k: float(_field(row, k, "85525NED")) for k in ("laag", "middelbaar", "hoog")}
        total = _field(row, "bevolking_15_75", "85525NED", required=False)
        education.append({"regio": str(row["RegioS"]).strip(),
                          "bevolking_15_75": float(total) if total is not None else sum(levels.values()),
                          **levels})
    return {
        "sex": pd.DataFrame([{"year": sex_year, **{k: _field(sex_row, k, "85496NED")
                                                    for k in ("total", "men", "women")}}]),
        "age": pd.DataFrame([{"year": age_year, **{k: _field(age_row, k, "37296ned") for k in ages}}]),
        "migration": pd.DataFrame({"category": list(migration), "count": list(migration.values())}),
        "education": pd.DataFrame(education),
    }


def refresh_benchmark_from_cbs(
    out_path: str | Path | None = None,
    *,
    sex_year: int = 2023,
    age_year: int = 2019,
    migration_year: int = 2018,
    education_year: int = 2022,
    get_data: Callable | None = None,
) -> pd.DataFrame:
    """Fetch the benchmark's tables from CBS StatLine (needs ``cbsodata`` and a connection).

    Parameters
    ----------
    out_path : str or Path, optional
        Write the benchmark CSV here (UTF-8).
    sex_year, age_year, migration_year, education_year : int
        Periods to fetch (37296ned stops at 2019 for age and 2018 for migration background).
    get_data : callable, optional
        Replacement for ``cbsodata.get_data`` (tests pass recorded responses).

    Returns
    -------
    DataFrame
        The benchmark, as :func:`benchmark_from_tables`.

    Raises
    ------
    InputError
        When cbsodata is missing, CBS cannot be reached, or a field is not in the response.
    """
    if get_data is None:
        try:
            import cbsodata
        except ImportError as exc:
            raise InputError(Problem("cbsodata", "the package cbsodata is not installed",
                                     "pip install 'forum-eval-toolkit[online]', or use the shipped "
                                     "benchmark")) from exc
        get_data = cbsodata.get_data
    try:
        tables = _tables_from_cbs(get_data, sex_year, age_year, migration_year, education_year)
    except (OSError, ConnectionError) as exc:
        raise InputError(Problem("CBS StatLine", f"could not fetch the tables ({exc})",
                                 "Check the internet connection, or use the shipped benchmark")) from exc
    regions = tables["education"][tables["education"]["regio"].str.endswith("(LD)")]
    if regions["bevolking_15_75"].between(99, 101).all():
        raise InputError(Problem("CBS table 85525NED", "the landsdelen came back as percentages, "
                                 "not population counts", "Add the count field's name to toolkit.benchmarks.cbs.FIELDS"))
    bench = benchmark_from_tables(**tables, sex_year=sex_year, age_year=age_year,
                                  migration_year=migration_year, education_year=education_year)
    if out_path is not None:
        bench.to_csv(out_path, index=False, encoding="utf-8")
    return bench


# ----------------------------------------------------------------------------- local: wijken en buurten
#: Kerncijfers wijken en buurten tables whose reference date is known: table id -> year (population on
#: 1 January). Another table needs ``year:`` in forum.yml.
KWB_TABLES = {"85984NED": 2024}
#: The default ``inputs.benchmark: {cbs: {table: ...}}``: Kerncijfers wijken en buurten 2024.
KWB_DEFAULT_TABLE = "85984NED"
#: The table's figures (without CBS's numeric suffix) -> the benchmark's categories. The age bands are
#: CBS's (0 tot 15, 15 tot 25, 25 tot 45, 45 tot 65, 65 of ouder); 0-14 is left out (no forum member).
KWB_FIELDS = {
    "gender": {"man": "Mannen", "vrouw": "Vrouwen"},
    "age_group": {"15-24": "k_15Tot25Jaar", "25-44": "k_25Tot45Jaar", "45-64": "k_45Tot65Jaar",
                  "65+": "k_65JaarOfOuder"},
}
_KWB_KIND = {"GM": ("Gemeente", "municipality"), "WK": ("Wijk", "district"), "BU": ("Buurt", "neighbourhood"),
             "NL": ("Land", "national")}


def _kwb_value(row: dict, name: str, table: str) -> float:
    for key, value in row.items():
        if re.sub(r"_\d+$", "", key).lower() == name.lower():
            if value is None:
                raise InputError(Problem(f"CBS table {table}", f"no figure for {name!r} in the response (CBS left it "
                                         "empty, e.g. to protect a small area)", "Choose a larger area (the municipality)"))
            return float(value)
    raise InputError(Problem(f"CBS table {table}", f"no field for {name!r} in the response (fields: "
                             f"{', '.join(sorted(row))})", "CBS may have renamed it: add the new name to "
                             "toolkit.benchmarks.cbs.KWB_FIELDS"))


def _text(row: dict, name: str) -> str:
    for key, value in row.items():
        if re.sub(r"_\d+$", "", key).lower() == name.lower() and value is not None:
            return " ".join(str(value).split())
    return ""


def _kwb_area(row: dict, region: str) -> str:
    """The region in words: ``Gemeente Utrecht``, ``Wijk Binnenstad (Utrecht)``, ``Nederland``."""
    kind = region[:2].upper()
    name = _text(row, "WijkenEnBuurten") or region
    if kind == "NL":
        return NATIONAL_AREA
    town = _text(row, "Gemeentenaam")
    prefix = _KWB_KIND.get(kind, ("", ""))[0]
    return f"{prefix} {name}".strip() + (f" ({town})" if kind in ("WK", "BU") and town and town != name else "")


def local_benchmark_from_cbs(region: str, *, table: str = KWB_DEFAULT_TABLE, year: int | None = None,
                             retrieved: str | None = None, get_data: Callable | None = None) -> pd.DataFrame:
    """A local benchmark from CBS's Kerncijfers wijken en buurten: gender and CBS's age bands of one region.

    Parameters
    ----------
    region : str
        CBS region code: ``GM0344`` (a municipality), ``WK034401`` (a district), ``BU03440101``.
    table : str
        The Kerncijfers wijken en buurten table (default 85984NED, 2024).
    year : int, optional
        The table's year (population on 1 January); known for the tables in :data:`KWB_TABLES`.
    retrieved : str, optional
        Date of retrieval (ISO 8601), written into every row; default today.
    get_data : callable, optional
        ``cbsodata.get_data`` or a replacement (tests pass a recorded response).

    Returns
    -------
    DataFrame
        The benchmark format (:func:`toolkit.intake.benchmark.read_benchmark`) plus ``region`` and
        ``retrieved``: ``gender`` (man, vrouw; all ages) and ``age_group`` (15-24, 25-44, 45-64, 65+;
        shares of those aged 15 and over), counts as CBS gives them, one ``area``.

    Raises
    ------
    InputError
        When cbsodata is missing, CBS cannot be reached, the region is not in the table, or a figure is
        missing or renamed.
    """
    import datetime as dt

    region, table = str(region).strip().upper(), str(table).strip()
    year = year if year is not None else KWB_TABLES.get(table)
    if year is None:
        raise InputError(Problem("forum.yml", f"the year of CBS table {table} is not known to the toolkit",
                                 "Add year: <the table's year> under inputs.benchmark.cbs"))
    if get_data is None:
        try:
            import cbsodata
        except ImportError as exc:
            raise InputError(Problem("cbsodata", "the package cbsodata is not installed",
                                     "pip install 'forum-eval-toolkit[online]'")) from exc
        get_data = cbsodata.get_data
    try:
        rows = get_data(table, filters=f"startswith(WijkenEnBuurten,'{region}')")
    except (OSError, ConnectionError) as exc:
        raise InputError(Problem("CBS StatLine", f"could not fetch table {table} ({exc})",
                                 "Check the internet connection and run the fetch again")) from exc
    except Exception as exc:  # cbsodata raises requests' errors and its own for an unknown table
        raise InputError(Problem("CBS StatLine", f"table {table} could not be read ({type(exc).__name__}: {exc})",
                                 "Check the table id (Kerncijfers wijken en buurten, e.g. 85984NED for 2024)")) from exc
    match = [r for r in rows if _text(r, "Codering").upper() == region] or (rows if len(rows) == 1 else [])
    if not match:
        raise InputError(Problem(f"CBS table {table}", f"region {region} is not in the table",
                                 "Check the code (GM + 4 digits for a municipality, WK + 6 for a district) and "
                                 "that the table's year has it (municipalities merge)", value=region))
    row = match[0]
    area = _kwb_area(row, region)
    retrieved = retrieved or dt.date.today().isoformat()
    out = []
    for variable, fields in KWB_FIELDS.items():
        counts = {cat: _kwb_value(row, field, table) for cat, field in fields.items()}
        total = sum(counts.values())
        if total <= 0:
            raise InputError(Problem(f"CBS table {table}", f"no {variable} figures for {region}",
                                     "Choose a larger area (the municipality)", value=region))
        ages = "all ages" if variable == "gender" else "15+"
        for cat, n in counts.items():
            if variable == "gender":
                en = (f"Men and women of all ages (children included) in {area} on 1 January {year}; CBS {table} "
                      f"(Kerncijfers wijken en buurten), retrieved {retrieved}.")
                nl = (f"Mannen en vrouwen van alle leeftijden (ook kinderen) in {area} op 1 januari {year}; CBS "
                      f"{table} (Kerncijfers wijken en buurten), opgehaald {retrieved}.")
            else:
                en = (f"CBS's age bands (15 tot 25, 25 tot 45, 45 tot 65, 65 of ouder): share of those aged 15 and "
                      f"over in {area} on 1 January {year}; the youngest band includes 15-year-olds (and those "
                      f"under the forum's minimum age). CBS {table}, retrieved {retrieved}.")
                nl = (f"De leeftijdsklassen van het CBS (15 tot 25, 25 tot 45, 45 tot 65, 65 of ouder): aandeel in "
                      f"de bevolking van 15 jaar en ouder in {area} op 1 januari {year}; de jongste klasse telt ook "
                      f"15-jarigen mee (en wie jonger is dan de minimumleeftijd van het forum). CBS {table}, "
                      f"opgehaald {retrieved}.")
            out.append({"variable": variable, "category": cat, "share": n / total, "count": int(round(n)),
                        "source": table, "year": int(year), "age_range": ages, "area": area, "note": en,
                        "note_nl": nl, "region": region, "retrieved": retrieved})
    return pd.DataFrame(out, columns=[*_COLUMNS, "region", "retrieved"]).astype({"count": "Int64"})


def fetch_local_benchmark(path: str | Path, region: str, *, table: str = KWB_DEFAULT_TABLE, year: int | None = None,
                          get_data: Callable | None = None) -> Path:
    """Fetch :func:`local_benchmark_from_cbs` and write it as the forum's cached benchmark CSV at `path`
    (UTF-8; written to a temporary file first, so a failed fetch leaves no half a cache)."""
    bench = local_benchmark_from_cbs(region, table=table, year=year, get_data=get_data)
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    bench.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
    tmp.replace(path)
    return path
