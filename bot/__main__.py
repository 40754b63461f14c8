"""`python -m bot` is the same as the `datadialog` command."""

from bot.cli import main

main()
