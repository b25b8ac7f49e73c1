"""store.plain_text: lists as people paste them (prose, tables, Letterboxd exports), read whole."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from soviet_films.errors import FileProblems
from soviet_films.store.plain_text import Knowledge, parse_pasted
from tests.helpers import GeneratedList, pasted_lists

ONE_FILM = "An intro.\n\nStalker (1979)\nDescription: A guide.\nFact: Shot in Estonia.\n"


TOLERATED = [
    ("byte-order mark", "\ufeff" + ONE_FILM, "Stalker", "Shot in Estonia."),
    ("windows line endings", ONE_FILM.replace("\n", "\r\n"), "Stalker", "Shot in Estonia."),
    (
        "extra blank lines and spaces",
        "\n\n  An intro.  \n\n\n\n  Stalker   (1979)  \n\n  Description:   A guide. \n\n"
        "Fact:Shot in Estonia.\n\n\n",
        "Stalker",
        "Shot in Estonia.",
    ),
    (
        "curly quotes",
        ONE_FILM.replace("Stalker (1979)", "“Stalker” (1979)").replace("A guide.", "A “guide”’s."),
        "Stalker",
        "Shot in Estonia.",
    ),
    (
        "parentheses in the title",
        ONE_FILM.replace("Stalker (1979)", "Siberiade (Sibiriada) (1979)"),
        "Siberiade",
        "Shot in Estonia.",
    ),
    (
        "colon in the title",
        ONE_FILM.replace("Stalker (1979)", "Ivan Vasilievich: Back to the Future (1979)"),
        "Ivan Vasilievich: Back to the Future",
        "Shot in Estonia.",
    ),
    (
        "label with extra spaces and another case",
        ONE_FILM.replace("Fact: ", "  FACT  :   "),
        "Stalker",
        "Shot in Estonia.",
    ),
    (
        "a paragraph wrapped over lines",
        ONE_FILM.replace("Shot in Estonia.", "Shot in\nEstonia."),
        "Stalker",
        "Shot in Estonia.",
    ),
    (
        "numbered titles",
        ONE_FILM.replace("Stalker (1979)", "1. Stalker (1979)"),
        "Stalker",
        "Shot in Estonia.",
    ),
    (
        "markdown headings and bold",
        ONE_FILM.replace("Stalker (1979)", "## 3) **Stalker** (1979)").replace("Fact:", "**Fact:**"),
        "Stalker",
        "Shot in Estonia.",
    ),
    (
        "bulleted labels",
        ONE_FILM.replace("Description:", "- Description:").replace("Fact:", "* Fact:"),
        "Stalker",
        "Shot in Estonia.",
    ),
    (
        "a number that is the title",
        ONE_FILM.replace("Stalker (1979)", "2001: A Space Odyssey (1979)"),
        "2001: A Space Odyssey",
        "Shot in Estonia.",
    ),
]


@pytest.mark.parametrize(("case", "text", "title", "fact"), TOLERATED, ids=[t[0] for t in TOLERATED])
def test_tolerates_what_real_files_contain(case: str, text: str, title: str, fact: str) -> None:
    parsed = parse_pasted(text)
    assert [(e.title, e.year, e.fact) for e in parsed.entries] == [(title, 1979, fact)]
    assert parsed.intro == "An intro."


def test_a_title_listed_twice_is_one_entry_with_a_note() -> None:
    parsed = parse_pasted(ONE_FILM + "\n" + ONE_FILM.split("\n\n", 1)[1], "list.txt")
    assert [(e.title, e.line) for e in parsed.entries] == [("Stalker", 3)]
    assert [str(note) for note in parsed.notes] == [
        "list.txt:7: 'Stalker (1979)' is listed twice (first on line 3); read once"
    ]


def test_one_duplicate_rule_for_both_formats() -> None:
    # "The A" and "A" are one film to the catalogue, so a list names it once.
    text = "Intro.\n\nA (1979)\nDescription: d\n\nThe A (1979)\nDescription: d\n"
    parsed = parse_pasted(text, "list.txt")
    assert [(e.title, e.line) for e in parsed.entries] == [("A", 3)]
    assert [str(p) for p in parsed.notes] == [
        "list.txt:6: 'The A (1979)' is listed twice (first on line 3); read once"
    ]


def read(text: str, **options) -> list[tuple]:
    parsed = parse_pasted(text, "list.txt", **options)
    return [(e.title, e.year, e.original_title, e.directors, e.description, e.fact) for e in parsed.entries]


def problems(text: str, **options) -> list[str]:
    with pytest.raises(FileProblems) as caught:
        parse_pasted(text, "list.txt", **options)
    return [str(problem) for problem in caught.value.problems]


# Lists in each shape real pages use, written for these tests.
LISTICLE = """Five Soviet films that will break your heart.

1. The Cranes Are Flying (1957)
A love story torn apart by war.
It won the Palme d'Or.

2. Solaris (Солярис, 1972)
An ocean that thinks.

3. Andrei Rublev, 1966 by Andrei Tarkovsky
An icon painter's Russia.
"""


def test_a_listicle_with_prose_under_each_title() -> None:
    assert read(LISTICLE) == [
        (
            "The Cranes Are Flying",
            1957,
            "",
            (),
            "A love story torn apart by war. It won the Palme d'Or.",
            None,
        ),
        ("Solaris", 1972, "Солярис", (), "An ocean that thinks.", None),
        ("Andrei Rublev", 1966, "", ("Andrei Tarkovsky",), "An icon painter's Russia.", None),
    ]
    assert parse_pasted(LISTICLE).intro == "Five Soviet films that will break your heart."


def test_a_bare_top_ten_with_no_intro_and_no_text() -> None:
    text = "1. Stalker (1979)\n2. Mirror (1975)\n3) Solaris, 1972\n#4: “Garage” – 1979\n"
    assert [(title, year) for title, year, *_ in read(text)] == [("Stalker", 1979), ("Mirror", 1975),
                                                               ("Solaris", 1972), ("Garage", 1979)]  # fmt: skip
    assert parse_pasted(text).intro == ""


def test_descriptions_on_the_title_line_and_labels() -> None:
    text = ("Intro.\n\nGarage, 1979: a committee meeting that never ends.\n\nStalker (1979). A zone.\n"
            "Director: Andrei Tarkovsky\nOriginal title: Сталкер\nFACT : shot in Estonia\nover a summer.\n")  # fmt: skip
    assert read(text) == [
        ("Garage", 1979, "", (), "a committee meeting that never ends.", None),
        ("Stalker", 1979, "Сталкер", ("Andrei Tarkovsky",), "A zone.", "shot in Estonia over a summer."),
    ]


def test_a_table_of_contents_at_the_top_is_skipped_with_a_note() -> None:
    text = (
        "Contents\n\nStalker (1979)\nMirror (1975)\n\nStalker (1979)\nA zone.\n\nMirror (1975)\nMemories.\n"
    )
    parsed = parse_pasted(text, "list.txt")
    assert [(e.title, e.line) for e in parsed.entries] == [("Stalker", 6), ("Mirror", 9)]
    assert "a table of contents" in str(parsed.notes[0]) and parsed.notes[0].line == 3


def test_page_furniture_under_most_entries_is_left_out_with_a_note() -> None:
    text = "".join(f"Film {n} (197{n})\nAbout film {n}.\n\nWatch it here.\n\n" for n in range(5))
    parsed = parse_pasted(text, "list.txt")
    assert [e.description for e in parsed.entries] == [f"About film {n}." for n in range(5)]
    assert "left out 'Watch it here.', which stands under 5 of 5 entries" in str(parsed.notes[0])


def notes(text: str) -> list[str]:
    return [str(note) for note in parse_pasted(text, "list.txt").notes]


def test_an_odd_line_is_reported_at_its_line_and_the_rest_imported() -> None:
    assert read("Intro.\n\nStalker 1979\nDescription: a zone\n") == [
        ("Stalker", 1979, "", (), "a zone", None)
    ]
    text = "Intro.\n\nStalker (1979)\nA zone.\n\n## Mirror\nMemories.\n"
    assert [e.description for e in parse_pasted(text).entries] == ["A zone."]  # not "A zone. Memories."
    assert notes(text) == [
        "list.txt:6: left out 'Mirror' and the lines under it: a title line with no year "
        "(write 'Mirror (1979)' with its year to import it)"
    ]
    text = "Intro.\n\n1. Stalker (1979)\nA zone.\n\n2. Mirror (1775)\nMemories.\n"
    assert [e.description for e in parse_pasted(text).entries] == ["A zone."]
    assert notes(text) == [
        "list.txt:6: left out '2. Mirror (1775)' and the lines under it: 1775 is not a plausible year "
        "(1890-2100)"
    ]
    assert notes("Intro.\n\nDescription: early\n\nStalker (1979)\nA zone.\n") == [
        "list.txt:3: 'Description:' stands before any title line; kept in the intro"
    ]


def test_only_text_with_no_film_at_all_is_refused() -> None:
    for text in (
        "Just prose, no films.\n",
        "He was born in 1932 and died in 1986.\n",
        "## Mirror\nMemories.\n",
    ):
        assert problems(text) == [
            "list.txt: no films found: no line gives a film's title with its year, such as 'Title (1979)'"
        ]


@pytest.mark.parametrize(
    ("inner", "knowledge", "read_as"),
    [
        ("Сталкер", Knowledge(), ("original", "")),  # Cyrillic: an original title, surely
        ("Zerkalo", Knowledge(), ("original", "")),  # one word is no name: another title
        # A name by its shape alone: kept as another title, and the import says so (a guess never
        # changes which film an entry is).
        ("Andrei Tarkovsky", Knowledge(), ("original", "Andrei Tarkovsky")),
        ("Andrei Tarkovsky", Knowledge(is_director=lambda n: n == "Andrei Tarkovsky"), ("director", "")),
        ("Lev Kulidzhanov", Knowledge(is_title=lambda t: t == "Lev Kulidzhanov"), ("original", "")),
        ("Andrei Tarkovsky", Knowledge(parenthesis="original"), ("original", "")),  # the user said so
    ],
)
def test_which_parenthesis_is_what(inner: str, knowledge: Knowledge, read_as: tuple[str, str]) -> None:
    [entry] = parse_pasted(f"Film ({inner}) (1970)\nText.\n", "list.txt", knowledge).entries
    kind = "original" if entry.original_title == inner else "director"
    assert (kind, entry.unsure) == read_as
    assert (entry.directors == (inner,)) == (kind == "director")


TAB_TABLE = "Rank\tFilm\tYear\tDirector\tOriginal title\tWhy\n1\tStalker\t1979\tAndrei Tarkovsky\tСталкер\tThe zone.\n2\tGarage\t1979\tEldar Ryazanov\t\t\n"


def test_a_table_copied_from_a_page() -> None:
    assert read(TAB_TABLE) == [
        ("Stalker", 1979, "Сталкер", ("Andrei Tarkovsky",), "The zone.", None),
        ("Garage", 1979, "", ("Eldar Ryazanov",), "", None),
    ]
    csv = 'title,released,directors,notes\n"Moscow, My Love",1974,"Aleksandr Mitta, Kenji Yoshida",A duet\n'
    assert read(csv) == [("Moscow, My Love", 1974, "", ("Aleksandr Mitta", "Kenji Yoshida"), "A duet", None)]


def test_a_table_without_a_year_column_asks_for_the_year() -> None:
    text = "Film,Director\nStalker,Andrei Tarkovsky\n"
    assert problems(text) == ["list.txt:1: the table has no year column (year, released): give the year of "
                              "every film with --year"]  # fmt: skip
    assert read(text, year=1979)[0][:2] == ("Stalker", 1979)


def test_a_letterboxd_list_export() -> None:
    text = ("Letterboxd list export v7\nDate,Name,Tags,URL,Description\n"
            '2024-02-03,Soviet winters,,https://boxd.it/l1,"Snow, and\nmore snow."\n\n'
            "Position,Name,Year,URL,Description\n1,The Irony of Fate,1975,https://boxd.it/x,New Year\n"
            "2,Stalker,1979,https://boxd.it/y,\n")  # fmt: skip
    parsed = parse_pasted(text, "list.csv")
    assert (parsed.name, parsed.intro) == ("Soviet winters", "Snow, and\nmore snow.")
    assert [(e.title, e.year, e.description, e.line) for e in parsed.entries] == [
        ("The Irony of Fate", 1975, "New Year", 7), ("Stalker", 1979, "", 8)]  # fmt: skip


def test_a_cell_longer_than_the_csv_modules_limit_is_read() -> None:
    long = "snow " * 40_000  # 200,000 characters, past csv's 131,072 a cell
    text = ("Letterboxd list export v7\nDate,Name,Tags,URL,Description\n"
            f'2024-02-03,Winter,,https://boxd.it/l1,"{long}"\n\n'
            f'Position,Name,Year,URL,Description\n1,Stalker,1979,https://boxd.it/y,"{long}"\n')  # fmt: skip
    parsed = parse_pasted(text, "list.csv")
    assert (parsed.name, len(parsed.intro)) == ("Winter", len(long.strip()))
    assert [(e.title, e.year, len(e.description)) for e in parsed.entries] == [
        ("Stalker", 1979, len(long.strip()))
    ]


def test_a_bad_cell_is_quoted_short() -> None:
    text = "Title,Year\nStalker,1979\nMirror," + "x" * 100_000 + "\n"
    parsed = parse_pasted(text, "list.csv")
    [note] = [str(note) for note in parsed.notes]
    assert note.startswith("list.csv:3: left out this row: 'xxxxx") and "(100000 characters)" in note
    assert len(note) < 150


def test_furniture_at_the_end_of_a_paragraph_or_a_fact_is_left_out_too() -> None:
    text = ("A (1970)\nAbout A.\nWatch it here.\n\nB (1971)\nAbout B.\nFact: a fact.\nWatch it here.\n\n"
            "C (1972)\nAbout C.\nWatch it here.\n")  # fmt: skip
    parsed = parse_pasted(text, "list.txt")
    assert [(e.description, e.fact) for e in parsed.entries] == [("About A.", None), ("About B.", "a fact."),
                                                                 ("About C.", None)]  # fmt: skip
    assert "page furniture" in str(parsed.notes[-1])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pasted_lists())
def test_a_list_in_a_shape_nobody_wrote_down_comes_in_whole(case: GeneratedList) -> None:
    parsed = parse_pasted(case.text, "list.txt")
    read_as = [(e.title, e.year, e.original_title, e.directors, e.description) for e in parsed.entries]
    assert read_as == case.entries, case.text
    assert parsed.intro and not [note for note in parsed.notes if "left out" in note.message]


def test_a_table_row_that_cannot_be_read_is_left_out_with_a_note() -> None:
    text = "Film\tYear\nStalker\t1979\nMirror\tnineteen\n\t1975\nGarage\t1775\nSolaris\t1972\n"
    parsed = parse_pasted(text, "list.txt")
    assert [(e.title, e.year) for e in parsed.entries] == [("Stalker", 1979), ("Solaris", 1972)]
    assert [str(note) for note in parsed.notes] == [
        "list.txt:3: left out this row: 'nineteen' is not a year",
        "list.txt:4: left out this row: a row with no title",
        "list.txt:5: left out this row: 1775 is not a plausible year (1890-2100)",
    ]
    assert problems("Film\tYear\nMirror\tnineteen\n") == ["list.txt:2: 'nineteen' is not a year"]


def test_an_english_title_under_each_cyrillic_one_is_its_other_title() -> None:
    text = "Фильмы.\n\n1. Сталкер (1979)\nStalker\nЗона.\n\n2. Гараж (1979)\nGarage\nСобрание.\n"
    assert [(t, o, d) for t, _, o, _, d, _ in read(text)] == [
        ("Сталкер", "Stalker", "Зона."),
        ("Гараж", "Garage", "Собрание."),
    ]
    prose = "Films.\n\nСталкер (1979)\nA zone where wishes come true.\n\nГараж (1979)\nA meeting.\n"
    assert [o for _, _, o, *_ in read(prose)] == ["", ""]  # a sentence is no title
