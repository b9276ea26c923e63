"""Load a YAML file the way torchtune's consumers do, and print what each loader sees as one JSON object.

Usage: /usr/bin/python3 load_config.py FILE

Output (stdout, one line): {"pyyaml": <yaml.safe_load(FILE)>,
                            "omegaconf": <OmegaConf.to_container(OmegaConf.load(FILE), resolve=True)>,
                            "errors": {"pyyaml": "...", "omegaconf": "..."}}
A loader that fails gets null as its value and a message under "errors" (an empty "errors" means both loaded).
Values JSON cannot hold (dates, bytes, ...) become {"__python_type__": name, "repr": repr(value)}, and
non-string mapping keys become "<type>repr", so nothing is silently turned into a plain string.
Exit code 0 when the output was written (even if a loader failed), 3 when the loaders cannot be imported.
"""
import json
import sys


def plain(value):
    if isinstance(value, dict):
        return {key if isinstance(key, str) else "<%s>%r" % (type(key).__name__, key): plain(item)
                for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value
    return {"__python_type__": type(value).__name__, "repr": repr(value)}


def load(path, yaml, OmegaConf):
    """What each loader sees of one file; a loader that fails is reported as data, not as a crash."""
    result = {"pyyaml": None, "omegaconf": None, "errors": {}}
    try:
        with open(path, encoding="utf-8") as stream:
            result["pyyaml"] = plain(yaml.safe_load(stream))
    except Exception as error:
        result["errors"]["pyyaml"] = "%s: %s" % (type(error).__name__, error)
    try:
        result["omegaconf"] = plain(OmegaConf.to_container(OmegaConf.load(path), resolve=True))
    except Exception as error:
        result["errors"]["omegaconf"] = "%s: %s" % (type(error).__name__, error)
    return result


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: load_config.py FILE\n")
        return 2
    try:
        import yaml
        from omegaconf import OmegaConf
    except ImportError as error:
        sys.stderr.write("%s lacks PyYAML or OmegaConf (%s); install python3-yaml and python3-omegaconf\n"
                         % (sys.executable, error))
        return 3
    result = load(argv[1], yaml, OmegaConf)
    sys.stdout.write(json.dumps(result, allow_nan=True))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
