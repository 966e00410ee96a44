"""Reading and validating input files."""
