"""Resolution rules on small texts of our own: transliteration, glued words, judgements."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.entities import load_judgements, resolve
from storyline.entities.judgements import ConstrainedUnion
from storyline.entities.names import glued_split, person_similarity, token_key
from storyline.models import Document, EntityMention
from tests.entities.entity_fixtures import entity_of, make_doc


def test_transliteration_keys_fold_press_spellings():
    for a, b in (("Muttaqi", "Mutaki"), ("Muttaki", "Mutaki"), ("Zhirnov", "Jirnov"), ("Sergei", "Sergey"),
                 ("Sergej", "Sergei"), ("Haqqani", "Hakani"), ("Dmitry", "Dmitri"), ("Лавров", "Lavrov")):
        assert token_key(a) == token_key(b), (a, b)
    assert token_key("Putin") != token_key("Lavrov")


def test_person_similarity_joins_variants_and_keeps_relatives_apart():
    assert person_similarity("Sirajuddin Haqqani", "Sirazudin Hakani") > 0.9
    assert person_similarity("Jalaluddin Haqqani", "Sirajuddin Haqqani") == 0.0
    assert person_similarity("Vladimir Putin", "V. Putin") > 0.9
    assert person_similarity("Vladimir Putin", "Vladislav Putin") == 0.0


def test_glued_split_candidates():
    assert glued_split("Kabulovof") == ("Kabulov", "of")
    assert glued_split("Rahimiand") == ("Rahimi", "and")
    assert glued_split("Putin") is None          # stem too short to be a name


def test_sirajuddin_spellings_are_one_person_across_documents():
    a = make_doc("a", "Interior Minister Sirajuddin Haqqani met the delegation in Kabul on Monday.")
    b = make_doc("b", "The delegation was received by Sirazudin Hakani, the interior minister.")
    c = make_doc("c", "The network was founded by Jalaluddin Haqqani in the 1970s.")
    entities = resolve([a, b, c])
    siraj = entity_of(entities, a, "Sirajuddin Haqqani")
    assert entity_of(entities, b, "Sirazudin Hakani") is siraj
    assert entity_of(entities, c, "Jalaluddin Haqqani") is not siraj


def test_glued_function_word_is_split_only_when_the_stem_is_a_name_elsewhere():
    a = make_doc("a", "The minister met Ahmad Rahimiand the governor of the province on Sunday.")
    b = make_doc("b", "Ahmad Rahimi said the talks in Herat were useful.")
    entities = resolve([a, b])
    rahimi = entity_of(entities, b, "Ahmad Rahimi")
    assert [m.text for m in a.entity_mentions if m.entity_id == rahimi.id] == ["Ahmad Rahimi"]
    c = make_doc("c", "Officials from Ireland and Finland met in Dublin.")
    resolve([c])
    assert {"Ireland", "Finland"} <= {m.text for m in c.entity_mentions}


def _doc(doc_id: str, *names: str) -> Document:
    text = ". ".join(f"{n} spoke" for n in names) + "."
    mentions, pos = [], 0
    for n in names:
        start = text.index(n, pos)
        mentions.append(EntityMention(start, start + len(n), n, "PERSON"))
        pos = start + len(n)
    return Document(id=doc_id, path=doc_id, raw_text=text, text=text, entity_mentions=mentions)


def test_different_judgement_blocks_a_merge_chain(tmp_path: Path):
    docs = [_doc("1", "Mohammad Karimi"), _doc("2", "Mohamad Karimi"), _doc("3", "Muhammad Karimi")]
    assert len(resolve(docs)) == 1                      # the string metric chains all three
    path = tmp_path / "judgements.toml"
    path.write_text('[[different]]\nnames = ["Mohammad Karimi", "Muhammad Karimi"]\nnote = "cousins"\n')
    docs = [_doc("1", "Mohammad Karimi"), _doc("2", "Mohamad Karimi"), _doc("3", "Muhammad Karimi")]
    entities = resolve(docs, judgements_path=str(path))
    first, third = docs[0].entity_mentions[0].entity_id, docs[2].entity_mentions[0].entity_id
    assert first != third and len(entities) == 2


def test_same_judgement_joins_names_no_metric_can(tmp_path: Path):
    path = tmp_path / "judgements.toml"
    path.write_text('[[same]]\nnames = ["Abu Mohammed", "Karim Nasser"]\nnote = "nom de guerre"\n')
    docs = [_doc("1", "Abu Mohammed"), _doc("2", "Karim Nasser")]
    assert len(resolve(docs)) == 2
    docs = [_doc("1", "Abu Mohammed"), _doc("2", "Karim Nasser")]
    assert len(resolve(docs, judgements_path=str(path))) == 1


def test_user_different_overrides_default_same(tmp_path: Path):
    def docs():
        d = [_doc("1", "x"), _doc("2", "y")]
        for doc, name in zip(d, ("Russia", "Russian Federation")):
            doc.text = doc.raw_text = name + " spoke."
            doc.entity_mentions = [EntityMention(0, len(name), name, "GPE")]
        return d
    assert len(resolve(docs())) == 1                     # packaged aliases.toml
    path = tmp_path / "j.toml"
    path.write_text('[[different]]\nnames = ["Russia", "Russian Federation"]\n')
    assert len(resolve(docs(), judgements_path=str(path))) == 2


def test_judgement_file_errors_are_clear(tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[same]]\nnames = ['only one']\n")
    with pytest.raises(ValueError, match="at least two"):
        load_judgements(str(bad))
    with pytest.raises(ValueError, match="not found"):
        load_judgements(str(tmp_path / "missing.toml"))
    assert load_judgements(None).same                    # defaults are always there


def test_constrained_union_refuses_forbidden_chains():
    uf = ConstrainedUnion(4)
    uf.forbid(0, 2)
    assert uf.union(0, 1)
    assert not uf.union(1, 2)                            # 1 is with 0, and 0 may not meet 2
    assert uf.union(2, 3)
    assert not uf.union(3, 0)
    assert uf.find(0) != uf.find(2)
