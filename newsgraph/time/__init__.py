"""Stage 3, time: time expressions normalised to TIMEX3-style values and intervals.

Detection and normalisation live in :mod:`newsgraph.time.expressions`.
"""
