"""The fault corpus (tests/faults.py): each fault gives its exit code and its message, never a traceback."""
import pytest

from faults import FAULTS, base_forum
from toolkit.cli import main


def test_base_forum_is_valid(tmp_path, capsys):
    assert main(["check", str(base_forum(tmp_path / "f"))]) == 0


def test_corpus_has_at_least_40_distinct_faults():
    ids = [f.id for f in FAULTS]
    assert len(ids) == len(set(ids)) and len(ids) >= 40


@pytest.mark.parametrize("fault", FAULTS, ids=[f.id for f in FAULTS])
def test_fault(fault, tmp_path, capsys):
    folder = base_forum(tmp_path / "forum")
    fault.setup(folder)
    code = main(["check", str(folder)])
    out = capsys.readouterr()
    text = out.err if fault.exit == 2 else out.out
    assert code == fault.exit, out.err + out.out
    assert "Traceback" not in out.err
    for message in fault.messages:
        assert message in text, text
