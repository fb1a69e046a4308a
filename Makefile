PY := .venv/bin/python
VENV_STAMP := .venv/.installed

.PHONY: demo test bench clean

$(VENV_STAMP): pyproject.toml
	python3 -m venv .venv
	$(PY) -m pip install -q -e '.[dev]'
	touch $(VENV_STAMP)

demo: $(VENV_STAMP)
	$(PY) scripts/demo.py

test: $(VENV_STAMP)
	$(PY) -m pytest -q

bench: $(VENV_STAMP)
	$(PY) scripts/benchmark.py

clean:
	rm -rf outputs/*
