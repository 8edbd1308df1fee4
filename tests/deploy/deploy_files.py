"""What the merchant runs, read from the files they run it from: the README's production section, the systemd
units' commands and the nginx template, so the tests run exactly what the README tells a merchant to."""

import re
import shlex
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
DEPLOY = BASE_DIR / "deploy"


def readme_production_section() -> str:
    return (BASE_DIR / "README.md").read_text().split("### Production", 1)[1].split("\n## ", 1)[0]


def readme_production_commands() -> list[str]:
    """The `manage.py` lines of the README's production section, in order."""
    section = readme_production_section()
    commands = [line.split("  #", 1)[0].strip() for line in section.splitlines()
                if line.startswith(".venv/bin/python manage.py ")]
    assert len(commands) >= 3, "the README's production section lost its commands"
    return commands


def unit_command(unit: str, instance: str = "", state_dir: Path | None = None) -> list[str]:
    """The ExecStart of a deploy/systemd unit, with /srv/fernhill meaning this checkout and its .venv."""
    text = (DEPLOY / "systemd" / unit).read_text()
    command = re.search(r"^ExecStart=(.+)$", text, re.MULTILINE).group(1)
    command = command.replace("/srv/fernhill/.venv/bin/", f"{Path(sys.executable).parent}/")
    command = command.replace("/var/lib/fernhill", str(state_dir)).replace("%i", instance)
    return shlex.split(command)


def nginx_site(values: dict[str, str]) -> str:
    """deploy/nginx.conf.template filled in as `envsubst` does with the README's list: only ${NAME}s."""
    template = (DEPLOY / "nginx.conf.template").read_text()
    placeholders = set(re.findall(r"\$\{([A-Z_0-9]+)\}", template))
    listed_in_readme = set(re.findall(r"\$\{([A-Z_0-9]+)\}", re.search(r"envsubst '([^']+)'",
                                                                       readme_production_section()).group(1)))
    assert placeholders == listed_in_readme == set(values), f"the template's placeholders are {sorted(placeholders)}"
    return re.sub(r"\$\{([A-Z_0-9]+)\}", lambda match: values[match.group(1)], template)
