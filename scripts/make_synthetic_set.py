"""Write the SYNTHETIC comparison forums (municipal 30, without control group, counts only) under surveys/.

    python scripts/make_synthetic_set.py surveys
"""
import sys

from toolkit.synthetic.forums import make_comparison_set

if __name__ == "__main__":
    for folder in make_comparison_set(sys.argv[1] if len(sys.argv) > 1 else "surveys"):
        print(f"wrote {folder}")
