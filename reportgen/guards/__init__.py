"""Guards against hostile sizes, read before any parser sees a file: the lowest stage, every other may use it."""
