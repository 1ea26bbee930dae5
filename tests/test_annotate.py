"""annotate: spaCy output mapped back onto the document text, paragraph by paragraph."""
from __future__ import annotations

import pytest

from newsgraph.annotate import annotate, load_model, model_name
from newsgraph.errors import ModelError
from newsgraph.records import Document

pytestmark = pytest.mark.slow

TEXT = ("Former army chief Ahmed Kamal [Photo/Agency]\n\n"
        "Egyptian Army chief Ahmed Kamal met Khalifa Haftar in Benghazi on Tuesday. They discussed border security.\n\n"
        "The Libyan National Army said the talks would continue in Cairo.")


def test_offsets_point_into_the_document_text(nlp):
    (a,) = annotate([Document(id="d", source="s", text=TEXT)], nlp)
    assert a.sentences and a.tokens and a.mentions
    for m in a.mentions:
        assert TEXT[m.start:m.end] == m.text
    for t in a.tokens:
        assert TEXT[t.start:t.end].strip() == TEXT[t.start:t.end] != ""
        assert a.tokens[t.head].sentence == t.sentence
    for s in a.sentences:
        assert TEXT[s.start:s.end].strip()
    assert [s.index for s in a.sentences] == list(range(len(a.sentences)))


def test_no_sentence_or_mention_crosses_a_paragraph_break(nlp):
    (a,) = annotate([Document(id="d", source="s", text=TEXT)], nlp)
    assert all("\n" not in TEXT[s.start:s.end] for s in a.sentences)
    assert all("\n" not in m.text for m in a.mentions)
    assert any(m.text == "Benghazi" and m.label == "GPE" for m in a.mentions)


def test_batches_keep_documents_apart(nlp):
    docs = [Document(id=str(i), source=str(i), text=f"Minister {name} visited Cairo.") for i, name in
            enumerate(["Sameh Shoukry", "Ahmed Kamal", "Fayez Serraj"])]
    out = list(annotate(docs, nlp, batch_size=2))
    assert [a.doc for a in out] == ["0", "1", "2"]
    assert all(m.doc == a.doc for a in out for m in a.mentions)


def test_an_unknown_model_is_a_clear_error():
    with pytest.raises(ModelError, match="cannot load spaCy pipeline 'no_such_pipeline'"):
        load_model("no_such_pipeline")
    assert model_name("custom") == "custom"


def test_a_pipeline_saved_with_newsgraphs_component_loads_in_a_fresh_process(nlp, tmp_path):
    """The component is registered through the spacy_factories entry point: spacy.load needs no import of ours."""
    import subprocess
    import sys

    nlp.to_disk(tmp_path / "pipeline")
    code = ("import spacy; nlp = spacy.load(r'%s'); print(nlp.pipe_names); "
            "print(len(list(nlp('Gen. Khalifa met Mr. Dorn. They talked.').sents)))") % (tmp_path / "pipeline")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "newsgraph_sentence_bounds" in result.stdout and result.stdout.strip().endswith("2")
