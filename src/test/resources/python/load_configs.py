"""Load many YAML files the way load_config.py loads one, in a single interpreter (it is slow to start).

Usage: /usr/bin/python3 load_configs.py FILE...
Output (stdout, one line): {FILE: <what load_config.py prints for FILE>, ...}
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_config import load  # noqa: E402


def main(argv):
    try:
        import yaml
        from omegaconf import OmegaConf
    except ImportError as error:
        sys.stderr.write("%s lacks PyYAML or OmegaConf (%s)\n" % (sys.executable, error))
        return 3
    sys.stdout.write(json.dumps({path: load(path, yaml, OmegaConf) for path in argv[1:]}, allow_nan=True))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
