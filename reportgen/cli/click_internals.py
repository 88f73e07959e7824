# Relies on internals of click==8.5.1 (pinned in pyproject.toml).
# When upgrading, check: click.core, .decorators, .exceptions, .formatting, .parser and .types still look their
# messages up through a module-level `_` (gettext) and, where a message counts, `ngettext`, called at the time the
# message is made; IntRange and FloatRange still describe their range with _NumberRangeBase._describe_range.
# tests/test_cli.py (test_usage_errors_are_in_indonesian) fails if not.
"""Click's internals the Indonesian wording relies on, in one place: where Click looks its messages up."""

from __future__ import annotations

from typing import Callable

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

MODULES = (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types)


def install_messages(translate: Callable[[str], str], translate_plural: Callable[[str, str, int], str],
                     describe_range: Callable[[object], str]) -> None:
    """Make Click look its messages up with `translate` (and counted ones with `translate_plural`), and describe a
    number range (IntRange, FloatRange) with `describe_range(range_type)`."""
    for module in MODULES:
        module._ = translate
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural
    click.types._NumberRangeBase._describe_range = describe_range
