"""`python -m reportgen`: the same command line as `reportgen`."""

from reportgen.cli.commands import main

main()
