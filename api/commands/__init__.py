"""Subcommands of `guide-api`: each module has `register(commands)` adding its parser.

A command function takes the parsed arguments and returns the exit code.
"""
