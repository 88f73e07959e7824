"""The document model: one neutral block tree that every document kind lowers to."""
