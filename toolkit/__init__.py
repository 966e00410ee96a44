"""forum-eval: evaluate citizen forums (burgerfora).

Representativeness, attitude shifts and political follow-up of a forum, from its survey exports and
registers, as a self-contained offline HTML report and a machine-readable results.json.
"""
from toolkit.errors import InputError, Problem
from toolkit.forum import Forum, load_forum
from toolkit.pipeline import compute_results
from toolkit.results import read_results, write_results

__all__ = ["InputError", "Problem", "Forum", "load_forum", "compute_results", "read_results", "write_results"]
__version__ = "0.1.0"
