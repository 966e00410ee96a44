"""Load a whole forum folder: configuration, codebook, survey data and the other inputs."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, NamedTuple

import pandas as pd

from toolkit.forum.config import check_links, has_surveys, input_files, is_outside, load_codebook, load_config, sha256
from toolkit.forum.order import canonical_frames
from toolkit.errors import InputError, Problem
from toolkit.forum.settings import sheet_limits
from toolkit.intake import pool as lottery_pool, recruitment, register
from toolkit.intake.files import sheet_limits as reading_under
from toolkit.intake.agreement import category_problems, reference_problems
from toolkit.intake.mapping import mapped
from toolkit.intake.surveys import no_surveys, read_surveys

__all__ = ["Forum", "load_forum", "INPUT_READERS", "input_files"]

#: forum.yml ``inputs:`` key -> the function that reads that file into a validated DataFrame.
INPUT_READERS: dict[str, Callable] = {
    "members": recruitment.read_members,
    "member_counts": recruitment.read_member_counts,
    "funnel": recruitment.read_funnel,
    "benchmark": recruitment.read_benchmark,
    "quotas": recruitment.read_quotas,
    "pool": lottery_pool.read_pool,
    "reference_attitudes": recruitment.read_reference_attitudes,
    "public_input": recruitment.read_public_input,
    "recommendations": register.read_recommendations,
    "implementation": register.read_implementation,
    "parliament": register.read_parliament,
    "commitments": register.read_commitments,
    "preconditions": register.read_preconditions,
    "sessions": register.read_sessions,
    "tally": register.read_tally,
}


class Forum(NamedTuple):
    """Everything known about one forum, as tidy frames (see docs/architecture.md).

    Attributes
    ----------
    folder : Path
    config : dict
        forum.yml, checked, defaults filled in.
    codebook : dict
        codebook.yml, checked.
    responses, respondents, texts, ledger, accounting : DataFrame
        From :func:`toolkit.intake.surveys.read_surveys`.
    inputs : dict
        Other inputs by their forum.yml key (``funnel``, ``benchmark``...), each a DataFrame.
    files : DataFrame
        Every input file: name, rows, sha256 (for the provenance section).
    """

    folder: Path
    config: dict
    codebook: dict
    responses: pd.DataFrame
    respondents: pd.DataFrame
    texts: pd.DataFrame
    ledger: pd.DataFrame
    accounting: pd.DataFrame
    inputs: dict
    files: pd.DataFrame

    def lang_text(self, value: Any, lang: str | None = None) -> str:
        from toolkit.forum.config import text
        return text(value, lang or self.config["language"])

    def __repr__(self) -> str:
        """One line: what was read (the frames themselves are attributes)."""
        from toolkit.forum.config import text

        waves = [w["id"] for w in self.codebook.get("waves", [])]
        groups = self.respondents["group"].value_counts().sort_index() if "group" in self.respondents else {}
        people = ", ".join(f"{n} {g}" for g, n in groups.items()) or "no survey respondents"
        return (f"Forum({text(self.config['name'], self.config['language'])!r}, folder={str(self.folder)!r}, "
                f"waves={waves}, respondents: {people}, {len(self.responses)} answers, "
                f"{len(self.ledger)} in the exclusion ledger, inputs={sorted(self.inputs)})")


#: Inputs read together by the follow-up intake (checked against each other and the dates).
FOLLOW_UP_INPUTS = ("recommendations", "implementation", "parliament", "commitments", "preconditions", "sessions", "tally")
#: Shipped benchmarks, usable as ``inputs.benchmark: default:nl``.
DEFAULT_BENCHMARKS = {"default:nl": Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "nl_default.csv"}
RECRUITMENT_INPUTS = ("members", "member_counts", "funnel", "benchmark", "quotas", "reference_attitudes", "public_input")


def _resolve_benchmark(cfg: dict, problems: list) -> None:
    inputs = cfg.setdefault("inputs", {})
    bench = inputs.get("benchmark")
    if bench is None and any(k in inputs for k in RECRUITMENT_INPUTS):
        bench = inputs["benchmark"] = "default:nl"
    if isinstance(bench, str):
        if bench not in DEFAULT_BENCHMARKS:
            problems.append(Problem(str(cfg["folder"] / "forum.yml"), f"unknown shipped benchmark {bench!r}",
                                    f"Use one of {', '.join(DEFAULT_BENCHMARKS)} or a file path", value=bench))
            inputs.pop("benchmark")
        else:
            inputs["benchmark"] = DEFAULT_BENCHMARKS[bench]


def _read_follow_up(cfg: dict, paths: dict, problems: list) -> dict:
    from toolkit.intake.register import read_follow_up

    fu = cfg.get("follow_up") or {}
    handover = fu.get("handover_date") or (cfg.get("dates") or {}).get("handover")
    if handover is None:
        problems.append(Problem(str(cfg["folder"] / "forum.yml"), "a recommendations register is given but no handover date",
                                "Set dates.handover or follow_up.handover_date (YYYY-MM-DD)"))
        return {}
    try:
        return read_follow_up(paths, handover_date=handover, as_of=fu.get("as_of"))
    except InputError as exc:
        problems.extend(exc.problems)
        return {}


def _check_against_benchmark(cfg: dict, cb: dict, out: dict, problems: list) -> None:
    """Category agreement (toolkit.intake.agreement): each side of a comparison with the benchmark
    names the benchmark's categories, or the comparison would show a share for a category nobody could be in."""
    bench = out.get("benchmark")
    if bench is None:
        return
    known = bench.groupby("variable", sort=False)["category"].agg(lambda c: list(map(str, c))).to_dict()
    bench_path = cfg["inputs"].get("benchmark")
    bench_name = f"the benchmark ({getattr(bench_path, 'name', bench_path)})"
    start = len(problems)
    declared = {v: list(d["categories"]) for v, d in cb.get("demographics", {}).items() if d.get("categories")}
    problems += category_problems(declared, known, file=str(cfg["folder"] / "codebook.yml"), side_name="codebook.yml",
                                  benchmark_name=bench_name, recode_key="codebook.yml demographics.<variable>.recode")
    for key in ("member_counts", "funnel", "quotas"):
        frame = out.get(key)
        if frame is None or not {"variable", "category"} <= set(frame.columns):
            continue
        path = cfg["inputs"][key]
        cats = frame.groupby("variable", sort=False)["category"].agg(lambda c: list(map(str, c))).to_dict()
        problems += category_problems(cats, known, file=str(path), side_name=path.name, benchmark_name=bench_name,
                                      both_ways=key != "quotas", recode_key=f"forum.yml inputs.{key}.recode")
    public = out.get("public_input")
    if public is not None:  # the answers given (a category nobody chose is a counted 0, not a mismatch)
        values = {v: [str(c) for c in public[v].dropna().unique()] for v in known if v in public.columns}
        path = cfg["inputs"]["public_input"]
        problems += category_problems(values, known, file=str(path), side_name=path.name, benchmark_name=bench_name,
                                      both_ways=False, recode_key="forum.yml inputs.public_input.recode")
    members = out.get("members")
    if members is not None:  # a roster without declared categories: its values
        values = {v: members[v].dropna().unique().tolist() for v in known if v in members.columns and v not in declared}
        path = cfg["inputs"]["members"]
        problems += category_problems(values, known, file=str(path), side_name=path.name, benchmark_name=bench_name,
                                      both_ways=False, recode_key="forum.yml inputs.members.recode")
    if cfg.get("benchmark_cbs"):  # CBS's bands are fixed: the forum's side is the one to recode
        bands = ", ".join(known.get("age_group", []))
        problems[start:] = [p._replace(hint=f"CBS's age bands are fixed ({bands}): recode the roster's age groups to "
                                            f"them (e.g. 16-24 -> 15-24); {p.hint}")
                            if p.column == "age_group" else p for p in problems[start:]]


def _read_inputs(cfg: dict, cb: dict, problems: list) -> dict:
    _resolve_benchmark(cfg, problems)
    inputs = cfg.get("inputs") or {}
    out = {}
    follow = {k: mapped(cfg, f"inputs.{k}", v) for k, v in inputs.items() if k in FOLLOW_UP_INPUTS and v is not None}
    if follow:
        out.update(_read_follow_up(cfg, follow, problems))
    categories = {name: list(d["categories"]) for name, d in cb["demographics"].items() if d.get("categories")}
    order = sorted(inputs, key=lambda k: (k != "benchmark", k))  # the benchmark first: it names the variables
    for key in order:
        path = mapped(cfg, f"inputs.{key}", inputs[key])
        if key in FOLLOW_UP_INPUTS or path is None:  # None: forum.yml's problem is reported already
            continue
        reader = INPUT_READERS.get(key)
        if reader is None:
            import difflib
            near = difflib.get_close_matches(key, list(INPUT_READERS), n=1)
            problems.append(Problem(str(cfg["folder"] / "forum.yml"), f"unknown input 'inputs.{key}'",
                                    f"Did you mean 'inputs.{near[0]}'?" if near else f"Valid inputs: {', '.join(INPUT_READERS)}"))
            continue
        try:
            if key == "members":
                out[key] = reader(path, categories=categories)
            elif key == "public_input":  # only the benchmark's variables: fast on 10^6 rows
                date_col = (cfg.get("representativeness") or {}).get("public_input_date_column", "date")
                variables = list(dict.fromkeys(out["benchmark"]["variable"])) if "benchmark" in out else None
                out[key] = reader(path, variables=variables, date_column=date_col)
            elif key == "pool":  # read after the quotas: their variables are its features
                continue
            elif key == "member_counts":  # stage: what a file with one count column counts
                out[key] = reader(path, stage=((cfg.get("file_specs") or {}).get("inputs.member_counts") or {}).get("stage"))
            else:
                out[key] = reader(path)
        except InputError as exc:
            problems.extend(exc.problems)
    if inputs.get("pool") is not None:
        _read_pool(cfg, out, problems)
    _check_against_benchmark(cfg, cb, out, problems)
    if out.get("reference_attitudes") is not None:  # the reference survey's opinions against the items asked
        problems += reference_problems(out["reference_attitudes"], cb.get("items") or {},
                                       file=str(cfg["inputs"]["reference_attitudes"]))
    return out


def _read_pool(cfg: dict, out: dict, problems: list) -> None:
    """The lottery's pool, with the quota variables as its features, checked against quotas, roster and
    forum.yml ``lottery:`` (toolkit.intake.pool)."""
    path = mapped(cfg, "inputs.pool", cfg["inputs"]["pool"])
    if path is None:
        return
    quotas = out.get("quotas")
    features = list(dict.fromkeys(quotas["variable"].astype(str))) if quotas is not None else None
    try:
        pool = lottery_pool.read_pool(path, features, collect=problems)
    except InputError as exc:
        problems.extend(exc.problems)
        return
    quota_path = cfg["inputs"].get("quotas")
    problems += lottery_pool.lottery_problems(
        pool, quotas, out.get("members"), cfg.get("lottery"), pool_file=path.name,
        forum_file=str(cfg["folder"] / "forum.yml"), quotas_file=getattr(quota_path, "name", "quotas"),
        counted=bool(pool.attrs.get("counted")), member_counts=out.get("member_counts"))
    out["pool"] = pool


def _withhold_outside(cfg: dict, problems: list[Problem]) -> list[Problem]:
    """Problems in files outside the forum folder (``allow_outside_paths: true``) keep their row only.

    Such a file may be anything on the machine; its cells, headers and values are not echoed into
    a message (readers name a file by its path or by its name: both are matched).
    """
    folder = Path(cfg["folder"])
    shipped = set(DEFAULT_BENCHMARKS.values())
    outside = {str(p) for p in input_files(cfg) if p not in shipped and is_outside(folder, p)}
    outside |= {Path(p).name for p in outside}
    return [Problem(p.file, "this file does not pass the checks (details are not shown for a file outside the "
                            "forum folder)", "Copy the file into the forum folder to see the problem in full", row=p.row)
            if str(p.file) in outside else p for p in problems]


@lru_cache(maxsize=8)
def _load(folder: str, stamp: tuple) -> Forum:
    problems: list[Problem] = []
    cfg = cb = None
    try:
        cfg = load_config(folder, collect=problems)
    except InputError as exc:
        problems = exc.problems
    try:
        cb = load_codebook(folder, collect=problems, surveys=cfg is None or has_surveys(cfg))
    except InputError as exc:
        problems = exc.problems if cfg is not None else problems + [p for p in exc.problems if p not in problems]
    if cfg is None or cb is None:
        raise InputError(problems)
    with reading_under(sheet_limits(cfg)):
        inputs = _read_inputs(cfg, cb, problems)  # first: the roster links the survey records to members
        try:
            data = read_surveys(cfg, cb, roster=inputs.get("members")) if has_surveys(cfg) else no_surveys(cb)
        except InputError as exc:
            problems.extend(exc.problems)
            data = None
    if problems:
        raise InputError(_withhold_outside(cfg, problems))
    files = pd.DataFrame([{"file": str(p.relative_to(cfg["folder"])) if p.is_relative_to(cfg["folder"]) else p.name,
                           "bytes": p.stat().st_size, "sha256": sha256(p)} for p in input_files(cfg)])
    # the content decides the order, not the export's row or column order (toolkit.forum.order)
    responses, respondents, texts, inputs = canonical_frames(cb, data.responses, data.respondents, data.texts, inputs)
    return Forum(cfg["folder"], cfg, cb, responses, respondents, texts, data.ledger,
                 data.accounting, inputs, files)


def load_forum(folder: str | Path) -> Forum:
    """Read, check and load a forum folder (cached per process while its files are unchanged).

    Parameters
    ----------
    folder : str or Path
        ``surveys/<forum>``, holding forum.yml and codebook.yml.

    Returns
    -------
    Forum

    Raises
    ------
    InputError
        With every problem in every file, at once.

    Examples
    --------
    >>> forum = load_forum("surveys/a1r")
    >>> forum.accounting[["wave", "records_in", "analysed", "excluded"]].to_dict("records")[0]
    {'wave': 'pre', 'records_in': 523, 'analysed': 523, 'excluded': 0}
    """
    check_links(folder)  # before resolving: a forum folder that is a link out of where it is named
    folder = Path(folder).resolve()
    stamp = tuple(sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()))
    return _load(str(folder), stamp)
