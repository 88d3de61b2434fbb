"""extract/sentences.doc_text: spaCy's Doc.text, remembered for the last document (own wording only)."""

from __future__ import annotations

import spacy

from warlog.extract import sentences
from warlog.extract.sentences import doc_text


def test_doc_text_is_each_documents_own_text_whatever_the_order():
    nlp = spacy.blank("en")
    one, two = nlp("Gunmen killed two people in Idlib.\n\nA second line."), nlp("Another report, another text.")
    for doc in (one, two, two, one, one, two):
        assert doc_text(doc) == doc.text
    assert doc_text(two) is doc_text(two)  # remembered, not joined again


def test_a_document_with_the_same_text_is_read_afresh():
    nlp = spacy.blank("en")
    first = nlp("Shelling on Douma.")
    assert doc_text(first) == "Shelling on Douma."
    other = nlp("Shelling in Harasta.")
    assert doc_text(other) == "Shelling in Harasta."
    assert sentences._LAST_TEXT[0] is other
