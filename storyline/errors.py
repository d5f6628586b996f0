"""Error messages in one place, each with a code, so users can search for them."""

from __future__ import annotations


class InputError(Exception):
    """An input could not be read. The message names the input and the problem."""

    def __init__(self, path: str, code: str, detail: str) -> None:
        self.path = path
        self.code = code
        self.detail = detail
        super().__init__(f"{path}: [{code}] {detail}")


# Codes and their wording. Readers raise InputError(path, CODE, message).
E_MISSING = "E001"      # file does not exist / cannot be opened
E_EMPTY = "E002"        # no text after reading
E_BINARY = "E003"       # binary content that is not a known format
E_TOO_LARGE = "E004"    # larger than ingest.max_bytes
E_PARSE = "E005"        # a structured format (JSON, CSV, WARC, feed, HTML) is malformed or truncated
E_FETCH = "E006"        # URL fetch failed: timeout, HTTP error, too large, too many redirects
E_SCHEME = "E007"       # URL scheme other than http/https refused
E_FORMAT = "E008"       # content does not match the format its name claims (a "feed" that is HTML)
E_INTERNAL = "E099"     # a bug in storyline while processing this input; the run goes on
