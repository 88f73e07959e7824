"""Output: files written atomically, folders swapped in whole, batches with their manifest."""
