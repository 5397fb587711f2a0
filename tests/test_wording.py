from hypothesis import given
from hypothesis import strategies as st

from reader.wording import counted


def test_one_is_singular_every_other_count_plural() -> None:
    assert counted(1, "annotation") == "1 annotation"
    assert counted(0, "annotation") == "0 annotations"
    assert counted(2, "text") == "2 texts"
    assert counted(3, "problem") == "3 problems"
    assert counted(1, "reference") == "1 reference"
    assert counted(4, "copy", "copies") == "4 copies"


@given(st.integers(min_value=-5, max_value=10**6))
def test_the_number_is_written_as_is(n: int) -> None:
    assert counted(n, "text").split(" ")[0] == str(n)
    assert counted(n, "text").endswith("text" if n == 1 else "texts")
