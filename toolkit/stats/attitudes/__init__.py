"""What changed between survey waves: paired changes, scales, knowledge, polarization, panel models, raking."""
