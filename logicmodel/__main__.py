"""Run the command line as `python -m logicmodel`."""

from logicmodel.cli import main

main()
