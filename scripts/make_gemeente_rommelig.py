"""Write the SYNTHETIC forum surveys/gemeente-rommelig/ (messy agency and survey-tool exports) from a fixed seed.

    python scripts/make_gemeente_rommelig.py [surveys/gemeente-rommelig]
"""
import sys

from toolkit.synthetic.messy import make_gemeente_rommelig

if __name__ == "__main__":
    print(f"wrote {make_gemeente_rommelig(sys.argv[1] if len(sys.argv) > 1 else 'surveys/gemeente-rommelig')}")
