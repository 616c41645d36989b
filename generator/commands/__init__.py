"""The `ladder` commands: argument parsing (`cli`) and one module per command."""
