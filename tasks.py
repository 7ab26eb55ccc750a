"""The two commands a user needs, the same on Linux and Windows, and the server's.

    python tasks.py app [--port 8502]
                           install the requirements and open the dashboard on the bundled data; further
                           options go to `streamlit run` as given (e.g. --port, --server.address)
    python tasks.py test   install the test requirements and run the tests
    python tasks.py serve [--workers N] [--port 8501] [--address 0.0.0.0]
                           install the requirements and serve N Streamlit processes (default: one a core)
                           behind HAProxy with sticky sessions (Linux: apt-get install haproxy)
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def run(*args: str) -> None:
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True)


def install(requirements: str) -> None:
    """The requirements, at the versions the tests last passed with (constraints.txt)."""
    run("-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", requirements, "-c", "constraints.txt")


def streamlit_options(args: list[str]) -> list[str]:
    """`--port N` (the one option most users need, under its short name) as Streamlit spells it; the rest
    passed through unchanged."""
    return [f"--server.port{arg[len('--port'):]}" if arg == "--port" or arg.startswith("--port=") else arg
            for arg in args]


def main(command: str) -> None:
    if command == "app":
        install("requirements.txt")
        run("-m", "dashboard.uploads", "run", "app.py", *streamlit_options(sys.argv[2:]))  # Streamlit, with the upload guard
    elif command == "serve":
        install("requirements.txt")
        run("-m", "dashboard.server", *sys.argv[2:])
    elif command == "test":
        install("requirements-dev.txt")
        run("-m", "pytest", *sys.argv[2:])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    try:
        main(sys.argv[1] if len(sys.argv) > 1 else "")
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)
    except KeyboardInterrupt:
        sys.exit(130)
