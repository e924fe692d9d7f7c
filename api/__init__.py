"""The planning service: programs, solve jobs and results over HTTP (FastAPI)."""
