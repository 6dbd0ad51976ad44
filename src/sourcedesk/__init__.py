"""Sourcedesk: a self-hosted newsroom system for reporting from closed countries."""

__version__ = "0.1.0"
