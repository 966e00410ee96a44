"""A file's mapping from forum.yml: column names, value recodes, inverted yes/no columns, read options.

Any input file in forum.yml (a survey wave or one of ``inputs:``) may be given as a mapping instead
of a path (docs/forum-folder.md, "Mapping an agency's file")::

    members:
      file: deelnemers.csv
      columns: {member_id: Deelnemer-ID, gender: Geslacht, completed: Afgehaakt}
      recode: {gender: {Vrouw: vrouw, "Anders / zeg ik liever niet": onbekend}}
      invert: [completed]          # the file says "Afgehaakt: ja", the toolkit wants completed: nee
      read: {sep: ";", decimal: ",", encoding: cp1252}

:class:`FileSpec` carries that mapping with the path (it is path-like, so every reader takes it
where it takes a path) and :func:`apply_spec` applies it, once, in
:func:`toolkit.intake.files.read_table`, the one function that reads every input file.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd

from toolkit.errors import InputError, Problem
from toolkit.intake.cells import column_name

__all__ = ["FileSpec", "apply_spec", "spec_of", "mapped", "source_names", "INVERSE"]

#: Yes/no words and their opposite (lower case), for ``invert``.
INVERSE = {"ja": "nee", "nee": "ja", "j": "n", "n": "j", "yes": "no", "no": "yes", "y": "n",
           "true": "false", "false": "true", "1": "0", "0": "1", "1.0": "0", "0.0": "1",
           "waar": "onwaar", "onwaar": "waar"}


@dataclass(frozen=True)
class FileSpec(os.PathLike):
    """One input file and how to read it (forum.yml: ``file``, ``columns``, ``recode``, ``invert``, ``read``).

    Attributes
    ----------
    path : Path
        The file.
    columns : mapping
        The name the toolkit expects -> the file's column name (``{member_id: Deelnemer-ID}``).
    recode : mapping
        Column (the toolkit's name) -> {value in the file: value the toolkit expects}.
    invert : tuple of str
        Yes/no columns (the toolkit's names) whose answers are turned round (``completed`` from
        ``Afgehaakt``).
    read : mapping
        Read options: ``sep``, ``decimal``, ``encoding``, ``sheet``, ``header_rows``.
    key : str
        Where in forum.yml the mapping is (``inputs.members``), for messages.

    Examples
    --------
    >>> s = FileSpec(path=Path("/f/leden.csv"), columns={"member_id": "Deelnemer-ID"})
    >>> os.fspath(s), str(s), Path(s).name
    ('/f/leden.csv', '/f/leden.csv', 'leden.csv')
    """

    path: Path
    columns: Mapping[str, str] = field(default_factory=dict)
    recode: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    invert: tuple[str, ...] = ()
    read: Mapping[str, Any] = field(default_factory=dict)
    key: str = ""

    def __fspath__(self) -> str:
        return str(self.path)

    def __str__(self) -> str:
        return str(self.path)

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def empty(self) -> bool:
        """Whether the spec changes nothing (a plain path would do)."""
        return not (self.columns or self.recode or self.invert or self.read)


def spec_of(path: Any) -> FileSpec | None:
    """The FileSpec of a path-like, or None for a plain path.

    Examples
    --------
    >>> spec_of("a.csv") is None, spec_of(FileSpec(path=Path("a.csv"))).name
    (True, 'a.csv')
    """
    return path if isinstance(path, FileSpec) else None


def _find(name: str, names: list[str]) -> str | None:
    """`name` among `names`: exactly, else as :func:`loose_name` writes both."""
    if name in names:
        return name
    loose = [n for n in names if column_name(n) == column_name(name)]
    return loose[0] if len(loose) == 1 else None


def mapped(cfg: Mapping, key: str, path: Any) -> Any:
    """`path` with its forum.yml mapping (a FileSpec), or `path` itself when forum.yml gives none.

    Parameters
    ----------
    cfg : mapping
        The checked forum.yml (:func:`toolkit.forum.config.load_config`): its ``file_specs``.
    key : str
        Where the file is named in forum.yml: ``inputs.members``, ``surveys.files.t1``, ``surveys.file``.
    path : Path or None

    Examples
    --------
    >>> cfg = {"file_specs": {"inputs.members": {"columns": {"member_id": "ID"}}}}
    >>> mapped(cfg, "inputs.members", Path("m.csv")).columns, mapped(cfg, "inputs.funnel", Path("f.csv"))
    ({'member_id': 'ID'}, PosixPath('f.csv'))
    """
    spec = (cfg.get("file_specs") or {}).get(key)
    if path is None or not spec:
        return path
    return FileSpec(path=Path(path), columns=dict(spec.get("columns") or {}), recode=dict(spec.get("recode") or {}),
                    invert=tuple(spec.get("invert") or ()), read=dict(spec.get("read") or {}), key=key)


def _cell(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _map_values(s: pd.Series, table: Mapping[str, str]) -> pd.Series:
    values = s.to_numpy(dtype=object)
    out = [table.get(c, v) if (c := _cell(v)) is not None else v for v in values]
    return pd.Series(out, index=s.index, dtype=object)


def source_names(spec: FileSpec | None) -> dict[str, list[str]]:
    """The file's column name -> the toolkit's names for it (one column may fill two, e.g. started and completed)."""
    out: dict[str, list[str]] = {}
    for dst, src in ({} if spec is None else spec.columns).items():
        out.setdefault(str(src).strip(), []).append(str(dst))
    return out


def _renamed_frame(frame: pd.DataFrame, targets: dict[str, list[str]]) -> pd.DataFrame:
    parts = {}
    for c in frame.columns:
        for name in targets.get(str(c).strip(), [c]):
            parts[name] = frame[c]
    return pd.DataFrame(parts, index=frame.index)


def apply_spec(frame: pd.DataFrame, spec: FileSpec | None, header: list[str] | None = None) -> pd.DataFrame:
    """Rename, recode and invert a file's columns as its forum.yml mapping says.

    Parameters
    ----------
    frame : DataFrame
        The file's cells, columns as in the file (stripped).
    spec : FileSpec or None
        None: the frame is returned as it is.
    header : list of str, optional
        Every column name the file has (when `frame` holds only some); default `frame`'s.

    Returns
    -------
    DataFrame
        Columns renamed to the toolkit's names; recoded values replaced (values without a recode
        are kept, so the reader names them with their row); inverted yes/no answers turned round.

    Raises
    ------
    InputError
        A mapped column that the file does not have, a mapping onto a name the file already has,
        a recode or invert of a column the file does not have.

    Examples
    --------
    >>> df = pd.DataFrame({"Deelnemer-ID": ["007"], "Geslacht": ["Vrouw"], "Afgehaakt": ["ja"]})
    >>> spec = FileSpec(path=Path("leden.csv"), columns={"member_id": "Deelnemer-ID", "gender": "Geslacht",
    ...                 "completed": "Afgehaakt"}, recode={"gender": {"Vrouw": "vrouw"}}, invert=("completed",))
    >>> apply_spec(df, spec).to_dict("records")
    [{'member_id': '007', 'gender': 'vrouw', 'completed': 'nee'}]
    """
    if spec is None or spec.empty:
        return frame
    file, key = str(spec.path), spec.key or "the file's mapping"
    have = [str(c).strip() for c in (header if header is not None else frame.columns)]
    problems = []
    for dst, src in spec.columns.items():
        if str(src).strip() not in have:
            problems.append(Problem(file, f"column {src!r} (mapped to {dst!r} under {key}.columns) is not in the file",
                                    f"The file's columns are: {', '.join(have)}", row=1, column=str(src), value=src))
        elif str(dst) in have and str(dst) not in map(str, spec.columns.values()):
            problems.append(Problem(file, f"{key}.columns maps {src!r} to {dst!r}, but the file has a column {dst!r} too",
                                    f"Map {dst!r} to one column only, or rename one of them", row=1, column=str(dst)))
    if problems:
        raise InputError(problems)
    targets = source_names(spec)
    frame = _renamed_frame(frame, targets)
    names = [str(c) for c in frame.columns]
    known = names + [n for h in have for n in targets.get(h, [h])]
    for col in list(spec.recode) + list(spec.invert):
        if _find(str(col), known) is None:
            problems.append(Problem(file, f"{key} recodes or inverts column {col!r}, which the file does not have",
                                    f"Use the name the toolkit expects (after columns:); the file's columns are: "
                                    f"{', '.join(names)}", value=col))
    if problems:
        raise InputError(problems)
    for col, table in spec.recode.items():
        if (c := _find(str(col), names)) is not None:
            frame[c] = _map_values(frame[c], {str(k).strip(): v for k, v in table.items()})
    for col in spec.invert:
        if (c := _find(str(col), names)) is not None:
            frame[c] = _map_values(frame[c], _Inverse())
    return frame


class _Inverse(dict):
    """yes -> no and back, any case; other values as they are (the reader reports them)."""

    def get(self, key, default=None):
        return INVERSE.get(str(key).lower(), default)
