"""Source protection: the identifier scanner and the media scrubber.

``from sourcedesk.protect import scan, Finding`` needs no Django: the scanner and scrubber are pure
modules. The Django app (views, templates, commands) lives alongside and is imported only by Django.
"""

from .scanner import Finding, default_allow, scan

__all__ = ["Finding", "default_allow", "scan"]
