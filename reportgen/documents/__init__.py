"""Documents: the registry of kinds, the one publish path and one module per document kind."""
