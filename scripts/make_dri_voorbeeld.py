"""Write the SYNTHETIC forum surveys/dri-voorbeeld/ (40 members, the DRI instrument before and after) from a fixed seed.

    python scripts/make_dri_voorbeeld.py [surveys/dri-voorbeeld]
"""
import sys

from toolkit.synthetic.dri import make_dri_voorbeeld

if __name__ == "__main__":
    print(f"wrote {make_dri_voorbeeld(sys.argv[1] if len(sys.argv) > 1 else 'surveys/dri-voorbeeld')}")
