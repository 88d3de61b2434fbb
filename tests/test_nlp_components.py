"""The pipeline warlog loads leaves out the components extraction never reads, and that changes no parse."""

from __future__ import annotations

from warlog.extract.nlp import load_nlp

TEXT = (
    "Government warplanes struck a market in the northern town of Maarat al-Numan on Tuesday, killing 12 civilians. "
    "Rebel fighters said they shot down a helicopter near Hama.\n\nThe monitor said the toll could rise."
)


def test_extraction_pipeline_has_no_attribute_ruler_and_parses_as_the_full_one() -> None:
    lean, full = load_nlp(), load_nlp(tagged=True)
    assert "attribute_ruler" not in lean.pipe_names and "lemmatizer" not in lean.pipe_names
    assert {"parser", "ner", "tagger"} <= set(lean.pipe_names) and "attribute_ruler" in full.pipe_names
    a, b = lean(TEXT), full(TEXT)
    assert [(t.text, t.dep_, t.head.i, t.ent_type_, t.is_sent_start) for t in a if not t.is_space] == [
        (t.text, t.dep_, t.head.i, t.ent_type_, t.is_sent_start) for t in b if not t.is_space
    ]
    assert [(e.start_char, e.end_char, e.label_) for e in a.ents] == [
        (e.start_char, e.end_char, e.label_) for e in b.ents
    ]
    assert [s.start_char for s in a.sents] == [s.start_char for s in b.sents]
    assert any(t.pos_ == "VERB" for t in b)  # the tagged pipeline, for studies that read POS tags
    # the tense test of extract.frames reads the tagger's fine-grained tags: the lean pipeline keeps them
    assert [t.tag_ for t in a] == [t.tag_ for t in b] and any(t.tag_ == "VBD" for t in a)
