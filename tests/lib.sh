# Set-up shared by the test scripts (sourced after `root` is set, never run by itself).

# with_python_crypto: sets `venv` to the Python environment the stock-tool lanes share
# (target/stock-tools-venv), made if missing, with the `cryptography` package the independent
# checkers (tools/verify_bundle.py, tools/tlog_check.py) need for Ed25519.
with_python_crypto() {
  venv=$root/target/stock-tools-venv
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -c 'import cryptography' 2>/dev/null || "$venv/bin/python" -m pip install --quiet 'cryptography>=42'
}
