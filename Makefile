PY := .venv/bin/python
VENV_STAMP := .venv/.installed
BIN := $(HOME)/.local/bin

.PHONY: demo test bench install clean

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

# `toolkit` on the user's PATH: pipx when available, else a link to this
# checkout's .venv (pip --user is refused by Debian's system Python, PEP 668).
install: $(VENV_STAMP)
	@if command -v pipx >/dev/null 2>&1; then \
		pipx install --force --editable . ; \
	else \
		mkdir -p $(BIN) && ln -sf $(CURDIR)/.venv/bin/toolkit $(BIN)/toolkit && \
		echo "已安装：$(BIN)/toolkit -> $(CURDIR)/.venv/bin/toolkit"; \
	fi
	@case ":$$PATH:" in *":$(BIN):"*) ;; *) echo "提示：请把 $(BIN) 加入 PATH（例如在 ~/.bashrc 中加 export PATH=\"$(BIN):\$$PATH\"）。";; esac

clean:
	rm -rf outputs/*
