"""Records on disk: find the root, read YAML and CSV, validate, locate every problem."""
