# Shared by scripts/demo and scripts/test: make .venv and install a requirements file into it,
# again only when that file has changed since the last install.
ensure_virtualenv() {
  local requirements="$1"
  local python="${PYTHON:-$(command -v python3.11 || command -v python3)}"
  if [ ! -x .venv/bin/python ]; then
    echo "==> Creating .venv with $python"
    "$python" -m venv .venv
  fi
  local stamp=".venv/.installed-$(basename "$requirements")"
  local wanted
  wanted="$(cat requirements*.txt | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "==> Installing $requirements"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
    echo "$wanted" > "$stamp"
  fi
  export PATH="$PWD/.venv/bin:$PATH"
}

# locale/*/LC_MESSAGES/django.po into the .mo files Django reads. The .mo files are built, never committed
# (.gitignore), so they cannot drift from the .po files reviewed in git. Django's compilemessages needs GNU
# gettext's msgfmt (CI installs it); where it is missing, as on a fresh laptop running the demo, Babel (already
# installed for prices) compiles the same files.
compile_translations() {
  if command -v msgfmt >/dev/null; then
    python manage.py compilemessages --ignore=.venv --ignore=node_modules --verbosity 0
  else
    pybabel --quiet compile --domain django --directory locale
  fi
}
