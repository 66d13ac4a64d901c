import gzip

from hypothesis import given
from hypothesis import strategies as st

from roadmap.spliced_gzip import SplicedGzip

PLACEHOLDER = b"<<token>>"
pieces = st.lists(st.binary(max_size=3000) | st.sampled_from([b"<form>", b"value=", b"\0"]), max_size=8)


@given(pieces, st.binary(min_size=16, max_size=16))
def test_any_page_with_any_value_spliced_in_decompresses_to_the_filled_page(parts, value):
    content = PLACEHOLDER.join(parts)
    page = SplicedGzip.build(content, PLACEHOLDER, 16)
    expected = content.replace(PLACEHOLDER, value)
    assert page.plain(value) == expected
    assert gzip.decompress(page.gzipped(value)) == expected


@given(st.binary(max_size=40))
def test_a_value_of_an_unexpected_length_still_gives_the_right_page(value):
    content = b"<p>" + PLACEHOLDER + b"</p>" * 500 + PLACEHOLDER
    assert gzip.decompress(SplicedGzip.build(content, PLACEHOLDER, 16).gzipped(value)) == content.replace(
        PLACEHOLDER, value
    )


def test_a_spliced_page_compresses_almost_as_well_as_the_whole_page():
    steps = [f"<li>Step {number}: its own text and a form.</li>".encode() * 40 for number in range(12)]
    content = PLACEHOLDER.join(steps)
    value = bytes(range(64))  # like a CSRF token, nothing to compress in it
    spliced = len(SplicedGzip.build(content, PLACEHOLDER, 64).gzipped(value))
    whole = len(gzip.compress(content.replace(PLACEHOLDER, value)))
    # Each splice costs little more than the value's own bytes, which the whole page's
    # compressor would have squeezed out of the repeats.
    assert spliced <= whole + len(steps) * (len(value) + 16)
