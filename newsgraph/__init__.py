"""newsgraph: rebuild the political system that news articles describe.

Library first: :func:`newsgraph.pipeline.build`, :class:`newsgraph.store.Store`,
:func:`newsgraph.export.export`, :func:`newsgraph.ingest.ingest`.
"""
__version__ = "0.1.0"
