"""Population benchmarks: the shipped Dutch benchmark (``data/``, with its sources) and its CBS builder."""
