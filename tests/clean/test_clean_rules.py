from storyline.clean import finalize_document, prepare_document
from storyline.clean.dateline import find_dateline
from storyline.clean.duplicates import mark_duplicates
from storyline.clean.repair import repair_text
from storyline.clean.repeated import remove_repeated_lines
from storyline.models import RawDocument


def _clean(text: str, **kw) -> "object":
    return finalize_document(prepare_document(RawDocument(path="t.txt", text=text, **kw)))


def test_repair_utf8_read_as_greek_codepage():
    broken = "during the 1980s.\u0392\u00a0"  # UTF-8 no-break space decoded as cp1253
    assert repair_text(broken) == "during the 1980s. "


def test_repair_leaves_real_greek_and_cyrillic_alone():
    assert repair_text("Βάση δεδομένων Αθήνα") == "Βάση δεδομένων Αθήνα"
    assert repair_text("Министр Сергей Лавров") == "Министр Сергей Лавров"


def test_repair_common_mojibake_with_ftfy():
    assert repair_text("The caf\u00c3\u00a9 costs \u00e2\u201a\u00ac5") == "The café costs €5"


def test_boilerplate_lines_removed_and_kept_in_removed():
    doc = _clean("Breaking Story Headline\n\nJohn Smith - 3 hours ago\n\n1,204 views\n\n"
                 "The council voted on Tuesday to close the bridge.\n\nAlso Read: Another story here\n\n"
                 "Share this article\n\nThe vote was 7 to 2.\n\nADVERTISEMENT")
    assert "The council voted on Tuesday to close the bridge." in doc.text
    assert "The vote was 7 to 2." in doc.text
    assert "Breaking Story Headline" in doc.text
    reasons = {r.text: r.reason for r in doc.removed}
    assert reasons["John Smith - 3 hours ago"] == "relative-time-byline"
    assert reasons["1,204 views"] == "view-count"
    assert reasons["Also Read: Another story here"] == "teaser"
    assert reasons["Share this article"] == "share-prompt"
    assert reasons["ADVERTISEMENT"] == "advertisement"
    assert "views" not in doc.text and "Also Read" not in doc.text


def test_repeated_caption_removed_once_kept_nowhere():
    cap = "The minister and the envoy in the capital (Photo: Agency/Someone)"
    doc = _clean(f"{cap}\n{cap}\nThe minister met the envoy on Monday.")
    assert doc.text == "The minister met the envoy on Monday."
    assert len(doc.removed) == 2


def test_offsets_map_back_to_raw_text():
    raw = "ADVERTISEMENT\n\nFirst paragraph here.\n\nSecond one follows."
    doc = _clean(raw)
    start = doc.text.index("Second")
    assert raw[doc.raw_offset(start):].startswith("Second")
    for sent in doc.sentences:
        assert doc.text[sent.start:sent.end] == sent.text


def test_datelines():
    d = find_dateline("PARIS, March 3, 2021 (AFP) - The French government said")
    assert (d["place"], d["month"], d["day"], d["year"], d["outlet"]) == ("PARIS", 3, 3, 2021, "AFP")
    d = find_dateline("BERLIN (Reuters) - Germany said on Monday")
    assert (d["place"], d["outlet"], d["month"]) == ("BERLIN", "Reuters", None)
    assert find_dateline("In March, the government said it would act.") is None


def test_outlet_from_url_when_nothing_else():
    doc = _clean("The council voted.", url="https://www.example-news.org/a/1")
    assert doc.source == "example-news.org"


def test_near_duplicates_linked_not_deleted():
    body = ("The city council voted on Tuesday to close the old bridge for repairs after engineers found "
            "cracks in two of its supports, officials said, adding that work would take six months. ")
    docs = [prepare_document(RawDocument(path=f"{i}.txt", text=t)) for i, t in enumerate(
        [body * 2, body * 2 + "Updated at noon.", "A different story about a school opening next week in town."])]
    assert mark_duplicates(docs, 0.8) == 1
    assert docs[1].duplicate_of == docs[0].id and docs[0].duplicates == [docs[1].id]
    assert docs[2].duplicate_of is None


def test_lines_repeated_in_one_outlet_are_boilerplate():
    docs = [prepare_document(RawDocument(path=f"{i}.txt", text=t, source="Daily Example")) for i, t in enumerate(
        ["Get our newsletter every morning\nThe mayor resigned on Friday.",
         "Get our newsletter every morning\nFloods closed three roads in the valley.",
         "Get our newsletter every morning"])]
    other = prepare_document(RawDocument(path="x.txt", text="Get our newsletter every morning\nA story.",
                                         source="Other Outlet"))
    assert remove_repeated_lines(docs + [other], min_docs=2) == 3
    assert other.lines[0].removed is None
