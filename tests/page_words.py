"""What no page may say to a clerk: a command-line option, a folder of the server, the word CSRF, or English (the
words a translation left behind: function words and the technical words of error messages)."""

from __future__ import annotations

import re
from pathlib import Path

FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")
SERVER_FOLDERS = re.compile(r"(?<![\w.])/(?:tmp|home|root|srv|var|opt|usr|etc|work)/")
# English that a page of ours could only show by mistake (not words Indonesian borrowed: server, file-less terms)
ENGLISH = frozenset("""
the and of to is are was not with from this that these those your you please must should cannot could would
will can be been has have had for into onto than then when which while where what who how why
error errors warning warnings invalid required missing field fields value values type expected found unknown
file files upload uploaded download downloaded path directory failed failure success successful
request forbidden unauthorized allowed method exception traceback token session expired
input output string integer float list dict object none null click submit save cancel back home login logout
password username settings page not found bad too large many retry later loading
choose chosen browse select selected
""".split())
WORD = re.compile(r"[A-Za-z]+")


def page_problems(text: str, root: Path | None = None) -> list[str]:
    """Return what a page's text says that it must not: options, server folders, CSRF, English words."""
    found = [f"pilihan baris perintah {m}" for m in FLAG.findall(text)]
    found += [f"folder server {m}" for m in SERVER_FOLDERS.findall(text)]
    if root is not None and str(root) in text:
        found.append(f"folder server {root}")
    if "csrf" in text.casefold():
        found.append("CSRF")
    # words in capitals are codes and abbreviations (a verification code's letters can spell "BE" or "TO")
    found += [f"bahasa Inggris '{w}'" for w in WORD.findall(text) if w.casefold() in ENGLISH and not w.isupper()]
    return found
