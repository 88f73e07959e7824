"""Writers: one per output format, each over the shared block tree."""
