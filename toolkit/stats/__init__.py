"""The statistics: plain functions, tidy frames and column names in, tidy frames out.

No forum, no words, no suppression: one subpackage per question (:mod:`.representativeness`,
:mod:`.attitudes`, :mod:`.follow_up`), independent of each other.
"""
