"""The command line: Click commands, their shared options and Click's wording in Indonesian."""

from reportgen.cli.commands import main

__all__ = ["main"]
