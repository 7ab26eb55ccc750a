"""tasks.py: the commands a user types."""
import sys

import tasks


def test_app_takes_a_port_and_passes_streamlit_options_through(monkeypatch):
    ran = []
    monkeypatch.setattr(tasks, "install", lambda requirements: None)
    monkeypatch.setattr(tasks, "run", lambda *args: ran.append(args))
    monkeypatch.setattr(sys, "argv", ["tasks.py", "app", "--port", "8502", "--server.address", "0.0.0.0"])
    tasks.main("app")
    assert ran[-1][-5:] == ("app.py", "--server.port", "8502", "--server.address", "0.0.0.0")
    monkeypatch.setattr(sys, "argv", ["tasks.py", "app", "--port=8503"])
    tasks.main("app")
    assert ran[-1][-1] == "--server.port=8503"
    assert "--port" in tasks.__doc__
