"""What happened to each recommendation: response rates, latency, status, preconditions, commitments."""
