"""Notice Studio's custom template filters, for Python Jinja2.

Templates written in Notice Studio use a few filters that Jinja2 does not
have: the masks of sensitive fields (``mask_phone``, ``mask_id``,
``mask_card``, ``mask_email``, ``mask_name``, and ``mask``, which takes the
format as its argument or infers it from the value). This module defines
them for Jinja2, mirroring Notice Studio's engine
(crates/engine/src/filters.rs) so that both render the same bytes; the
conformance suite (tests/conformance) holds the two to the same expected
output. ``truncate`` is Jinja2's own builtin, so it is not here.

Usage, with an exported library unpacked at ``root``::

    import jinja2
    import notice_filters

    env = jinja2.Environment(loader=jinja2.FileSystemLoader([root, root + "/partials"]))
    notice_filters.install(env)
    text = env.get_template("welcome.j2").render(data)

Only Jinja2 is needed (for ``Undefined``). A missing value (Jinja2's
``Undefined``) or ``None`` passes through every mask unchanged, so it prints
as it would without the filter.
"""

import jinja2

_DIGITS = "0123456789"


def _is_whitespace(char):
    # Rust's char::is_whitespace (the Unicode White_Space property). Python's
    # str.isspace also counts the separators U+001C to U+001F; Rust does not.
    return char.isspace() and char not in "\x1c\x1d\x1e\x1f"


def _keep_ends(text, first, last):
    """Keeps the first `first` and last `last` characters and stars the rest
    (at least two stars, so a mask never shows how short a value is). A value
    too short to keep that much keeps only its first character."""
    if len(text) <= first + last:
        first, last = (1 if len(text) > 1 else 0), 0
    hidden = max(len(text) - first - last, 2)
    return text[:first] + "*" * hidden + text[len(text) - last:]


def _mask_phone(text):
    return _keep_ends(text, 3, 4)


def _mask_id_number(text):
    return _keep_ends(text, 1, 2)


def _mask_bank_card(text):
    return _keep_ends(text, 4, 4)


def _mask_name(text):
    return _keep_ends(text, 1, 0)


def _mask_email(text):
    if "@" not in text:
        return _keep_ends(text, 1, 0)
    local, domain = text.split("@", 1)
    return f"{local[:1]}***@{domain}"


# The formats `mask` accepts, by name.
_FORMATS = {
    "phone": _mask_phone,
    "id-number": _mask_id_number,
    "id": _mask_id_number,
    "bank-card": _mask_bank_card,
    "card": _mask_bank_card,
    "email": _mask_email,
    "name": _mask_name,
}


def _infer(text):
    """Guesses the format from the value itself, for `mask` without argument."""
    digits = sum(1 for char in text if char in _DIGITS)
    compact = "".join(char for char in text if not _is_whitespace(char) and char != "-")
    # The engine measures `compact` in UTF-8 bytes here (Rust's str::len),
    # and in characters only for the phone ratio below.
    compact_bytes = compact.encode("utf-8")
    if "@" in text:
        return _mask_email
    # Note: for a value whose compact form is 15 or 18 bytes long and ends in
    # a multi-byte character (five Chinese characters, say), the engine
    # panics instead of going on; such a value is never an ID number, which
    # is what this answers.
    if len(compact_bytes) in (15, 18) and all(byte in b"0123456789" for byte in compact_bytes[:-1]):
        return _mask_id_number
    if 16 <= digits <= 19 and digits == len(compact_bytes):
        return _mask_bank_card
    if digits >= 7 and digits * 10 >= len(compact) * 8:
        return _mask_phone
    return _mask_name


def _text(value):
    # The engine prints the value as minijinja does (Value::to_string). For
    # strings, integers, True/False and None that is what str() gives; floats
    # differ where Python switches to exponent form (str(1e16) is "1e+16", the
    # engine writes "10000000000000000.0"; str(1e-05) against "0.00001") and
    # for NaN ("nan" against "NaN"), and lists or mappings of strings may
    # quote differently. Such values are not worth masking; they are left as is.
    return str(value)


def _passes_through(value):
    return isinstance(value, jinja2.Undefined) or value is None


def _rust_debug(name):
    # The engine quotes the format name as Rust's {:?} does: "phone".
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0"}
    quoted = "".join(escapes.get(c, f"\\u{{{ord(c):x}}}" if ord(c) < 0x20 or ord(c) == 0x7F else c) for c in name)
    return f'"{quoted}"'


def mask(value, format=None):
    """Masks `value` as `format` requires ("phone", "id-number" or "id",
    "bank-card" or "card", "email", "name"); without a format, as the value
    looks. An unknown format is an error, even for a missing value."""
    if format is None:
        masker = None
    elif isinstance(format, str) and format in _FORMATS:
        masker = _FORMATS[format]
    else:
        raise jinja2.exceptions.FilterArgumentError(
            f"unknown mask format {_rust_debug(str(format))} (use phone, id-number, bank-card, email or name)"
        )
    if _passes_through(value):
        return value
    text = _text(value)
    return (masker or _infer(text))(text)


def _filter(masker):
    def masking_filter(value):
        if _passes_through(value):
            return value
        return masker(_text(value))

    return masking_filter


mask_phone = _filter(_mask_phone)
mask_id = _filter(_mask_id_number)
mask_card = _filter(_mask_bank_card)
mask_email = _filter(_mask_email)
mask_name = _filter(_mask_name)

FILTERS = {
    "mask_phone": mask_phone,
    "mask_id": mask_id,
    "mask_card": mask_card,
    "mask_email": mask_email,
    "mask_name": mask_name,
    "mask": mask,
}


def install(env):
    """Adds the filters to the Jinja2 environment `env` and returns it."""
    env.filters.update(FILTERS)
    return env
