"""Regional-scale benchmarks: a synthetic region (`generate`) and timings of the pages, the API and the
flow engine against it (`run`). Targets live here, not in the test suite (`make bench`)."""
