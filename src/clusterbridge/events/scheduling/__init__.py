"""Meeting scheduling: pure optimisation code (CP-SAT, MaxSAT) with typed inputs and outputs,
no database imports, so it can be tested, benchmarked and reused alone."""
