"""Did the forum mirror the population: composition, goodness of fit, funnel, attitudes at the start."""
