"""One module per command; shared options and error handling in `common`."""

from . import zh

# Click's messages in Chinese for every command, however it is reached.
zh.install()
