import pytest

from generator.reading.mojibake import repair


@pytest.mark.parametrize(
    "garbled, clean",
    [
        ("üí¨ Customer Operations", "💬 Customer Operations"),  # Mac Roman, lead byte lost
        ("üß† Knowledge & Impact", "🧠 Knowledge & Impact"),
        ("üï¥Ô∏è Conduct & Culture", "🕴️ Conduct & Culture"),
        ("all ‚Äòcore‚Äô targets", "all ‘core’ targets"),
        ("cafÃ© â€” done", "café — done"),  # Windows-1252
    ],
)
def test_repairs_the_mojibake_found_in_the_seeds(garbled, clean):
    assert repair(garbled) == clean


@pytest.mark.parametrize(
    "text",
    [
        "MANEJA LA AMBIGÜEDAD",
        "Conocimiento de los procesos y sistemas de gestión",
        "“école” and ‘quotes’ stay curly",
        "Doesn’t — niño — ©®™ …",
        "💬 already fine",
    ],
)
def test_leaves_clean_text_alone(text):
    assert repair(text) == text


def test_repairs_a_lone_windows_1252_quote_read_as_latin_1():
    assert repair("It\x92s fine") == "It’s fine"


def test_repairs_mojibake_next_to_clean_curly_quotes():
    assert repair("didn’t see ‚Äòcore‚Äô") == "didn’t see ‘core’"
