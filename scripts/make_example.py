"""Write the SYNTHETIC example forum (surveys/example) from its fixed seed.

    python scripts/make_example.py surveys/example
"""
import sys

from toolkit.synthetic.forums import make_forum

if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "surveys/example"
    print(f"wrote {make_forum(out)}")
