"""Trust: the register of issued documents, numbering, document IDs, verification and signing."""
