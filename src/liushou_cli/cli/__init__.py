"""The command line: parse arguments, call the core, present the result."""
