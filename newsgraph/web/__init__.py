"""The web UI and HTTP API (`newsgraph serve`): server-rendered pages and /api JSON over the library API,
read-only. Entry point: :func:`newsgraph.web.app.create_app`."""
