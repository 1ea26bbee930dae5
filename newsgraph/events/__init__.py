"""Stage 5, events: who did what to whom, when and where, PLOVER-coded.

Sentence coding lives in :mod:`newsgraph.events.coder` (lexicons in ``data/``); story grouping in
:mod:`newsgraph.events.stories`.
"""
