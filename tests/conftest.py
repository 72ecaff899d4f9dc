import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
# No test writes to the user's code cache: the tests of the cache give it a directory of their
# own (golden mode "jit-cache", test_cache.py); everything else runs without one.
os.environ["EVA_JIT_CACHE"] = "0"
