from hypothesis import settings

# Derandomized: the same examples on every run, so CI never flakes on a fresh draw.
settings.register_profile("project", derandomize=True, print_blob=True)
settings.load_profile("project")
