"""The ``kreislauf`` command line."""

from kreislauf.cli.app import build_app, main

__all__ = ["build_app", "main"]
