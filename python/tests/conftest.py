import os
import sys

# Import the package from this source tree (python/), as the README shows.
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
