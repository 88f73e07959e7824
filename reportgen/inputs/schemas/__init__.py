"""Input schemas: one per input kind, each validating raw rows into clean records."""
