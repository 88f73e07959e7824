"""What a text that reaches a page may hold: no control or invisible characters, and a bounded length."""

from __future__ import annotations

import re

# Characters that XML cannot hold, C1 controls, and invisible or reordering characters (zero-width
# spaces and joiners, byte order mark, bidirectional overrides) that print a name invisible or reversed.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e"
                                r"\u2060-\u2064\u2066-\u2069\ufeff]")
SHORT_TEXT_MAX = 500  # characters a name, an office, a place or a letterhead line may have
PARAGRAPH_MAX = 5000  # characters one paragraph (a consideration, a diktum, a report's paragraph) may have
