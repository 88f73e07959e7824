"""`python -m reportgen`: the same command line as `reportgen`."""

from .cli import main

main()
