"""User text is data, never markup or code: a transcript saying `<img src=x
onerror=alert(1)>`, a title, notes and a bookmark note with `<script>`, and a prompt file
full of Python and template snippets render as text everywhere (reports, the review,
the library and the rehearsal screen) and nothing in them is ever executed."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget
from rehearsal.fakes import FakeClock, FakeRecorder

from app.analysis import analyze
from app.fileio.jsonfile import write_json_atomic
from app.prompts import load_library
from app.reports import FORMATS, render
from app.sessions.folder import SessionFolder
from app.transcript import Segment, Transcript, save_transcript

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert('pwned')</script>"
HOSTILE = [f"{IMG} The endpoint takes an idempotency key.",
           f"Webhooks post the status {SCRIPT} to the callback URL.",
           "We could build a dashboard but the API comes first & <b>bold</b> isn't bold."]
DANGEROUS_TAGS = {"img", "script", "iframe", "object", "embed", "link", "meta-refresh"}


class Tags(HTMLParser):
    """Every start tag and attribute name, and all the text, of an HTML document."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_inert_html(html: str, *shown: str) -> None:
    parsed = Tags(html)
    assert not DANGEROUS_TAGS & set(parsed.tags), parsed.tags
    assert not [a for a in parsed.attrs if a.startswith("on")], parsed.attrs
    text = " ".join(" ".join(parsed.text).split())
    for s in shown:
        assert s in text, s  # shown as the user wrote it, as text


def hostile_transcript() -> Transcript:
    return Transcript([Segment(4.0 * i, 4.0 * i + 3.5, t) for i, t in enumerate(HOSTILE)],
                      "tiny.en", "en")


def test_every_report_format_keeps_user_text_inert():
    analysis = analyze(hostile_transcript())
    for fmt in FORMATS:
        body = render(analysis, fmt)
        if fmt == "html":
            assert_inert_html(body, IMG, SCRIPT, "<b>bold</b>")
        elif fmt in ("md", "vtt"):  # formats whose readers render markup
            assert "<img" not in body and "<script" not in body and "<b>" not in body
        elif fmt == "json":
            texts = [s["text"] for s in json.loads(body)["segments"]]
            assert any(IMG in t for t in texts)  # data kept exactly
        else:
            assert IMG in body  # plain text: shown as said


@pytest.fixture
def hostile_session() -> SessionFolder:
    folder = SessionFolder.create("hostile")
    transcript = hostile_transcript()
    save_transcript(transcript, folder.transcript_path)
    write_json_atomic(folder.analysis_path, analyze(transcript).to_dict())
    folder.write_meta({
        "state": "finished", "prompt_id": "", "prompt_title": f"Design {SCRIPT}",
        "title": f"{SCRIPT} my title {IMG}", "notes": f"notes {SCRIPT}", "minutes": 45,
        "duration": 12.0, "started_at": "2026-11-01T10:00:00+00:00",
        "events": [{"type": "start", "stage": "problem", "wall": 0.0, "audio": 0.0,
                    "note": ""},
                   {"type": "mark", "stage": "problem", "wall": 5.0, "audio": 5.0,
                    "note": f"bookmark {SCRIPT} {IMG}"}]})
    return folder


def labels_showing(root: QWidget, marker: str) -> list[QLabel]:
    return [w for w in root.findChildren(QLabel) if marker in w.text()]


def assert_plain(labels: list[QLabel]) -> None:
    rich = [w.text() for w in labels if w.textFormat() != Qt.TextFormat.PlainText]
    assert rich == [], rich


def test_review_shows_user_text_as_text_and_exports_it_inert(hostile_session, qtbot,
                                                              tmp_path):
    from app.ui.review.export import export_session
    from app.ui.review.review_screen import ReviewScreen

    screen = ReviewScreen()
    qtbot.addWidget(screen)
    screen.show()
    screen.open(str(hostile_session.path))
    assert screen.review.title == f"{SCRIPT} my title {IMG}"
    titles = labels_showing(screen, "my title")
    assert titles
    assert_plain(titles)
    assert IMG in screen.transcript.toPlainText()
    assert "<b>bold</b>" in screen.transcript.toPlainText()
    notes = [b.note for b in screen.review.bookmarks]
    assert notes == [f"bookmark {SCRIPT} {IMG}"]
    for fmt in ("html", "md"):
        out = export_session(screen.review, fmt, tmp_path / f"export.{fmt}")
        body = out.read_text()
        if fmt == "html":
            assert_inert_html(body, IMG, SCRIPT)
        else:
            assert "<img" not in body and "<script" not in body
    pdf = export_session(screen.review, "pdf", tmp_path / "export.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


PROMPT = '''
id = "hostile-prompt"
title = "<img src=x onerror=alert(1)> Design an API for {0.__class__} %(x)s"
product = "Messaging"
kind = "design-api"
minutes = 45
text = """__import__('os').system('touch MARKER') {{ config }} ${HOME} $(touch MARKER)
<script>alert(1)</script> Design an API that lets developers schedule SMS."""

[[stage]]
id = "problem"
title = "<b>Problem</b> eval(\\"__import__('os').system('touch MARKER')\\")"
minutes = 20
hint = "exec(open('MARKER','w').write('x'))"

[[stage]]
id = "developer"
title = "Developer"
minutes = 5
hint = "{{ hint }} <i>who</i>"

[[stage]]
id = "solution"
title = "Solution"
minutes = 5
hint = "%s %d {} {0}"

[[stage]]
id = "technical"
title = "Technical"
minutes = 5
hint = "`rm -rf /` ; DROP TABLE sessions; --"

[[stage]]
id = "metrics"
title = "Metrics"
minutes = 5
hint = "Metrics."

[[stage]]
id = "wrapup"
title = "Wrap-up"
minutes = 5
hint = "Wrap up."

[[probe]]
stage = "developer"
at = 0
text = "<img src=x> __import__('os').system('touch MARKER') — what about retries?"
'''


def test_prompt_files_are_data_only(qtbot, tmp_path, monkeypatch):
    from app.ui.library_view import LibraryView
    from app.ui.rehearse import RehearsalScreen

    folder = tmp_path / "my-prompts"
    folder.mkdir()
    (folder / "hostile.toml").write_text(PROMPT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # where a relative MARKER would appear
    library = load_library([folder])
    assert not library.problems, library.problems
    prompt = library.get("hostile-prompt")
    assert prompt.title.startswith("<img src=x onerror=alert(1)> Design an API for "
                                   "{0.__class__} %(x)s")
    assert "__import__('os').system('touch MARKER')" in prompt.text

    view = LibraryView(library)
    qtbot.addWidget(view)
    view.show()
    view.select("hostile-prompt")
    assert labels_showing(view, "{0.__class__}")
    assert_plain(labels_showing(view, "<img"))
    assert "<script>" in view.detail.toPlainText()  # the prompt text, shown as text

    clock = FakeClock()
    screen = RehearsalScreen(prompt, now=clock, chime=None,
                             recorder_factory=lambda path, device: FakeRecorder(
                                 path, device, clock=clock))
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    screen.show()
    screen.show_setup(prompt)
    assert_plain(labels_showing(screen, "<script>"))
    assert screen.start(prompt, 45)
    qtbot.waitUntil(lambda: screen.rehearsal.started)
    clock.advance(2)
    QTest.keyClick(screen.view, Qt.Key.Key_N)  # the probe's stage: the probe shows
    clock.advance(2)
    screen.refresh()
    for marker in ("<img", "<script>", "<b>Problem"):
        assert_plain(labels_showing(screen, marker))
    assert labels_showing(screen, "what about retries?")
    with qtbot.waitSignal(screen.finished) as done:
        QTest.keyClick(screen.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    analysis = analyze(hostile_transcript(), prompt=prompt)
    assert_inert_html(render(analysis, "html"), IMG)
    assert not list(tmp_path.rglob("MARKER")) and not Path("MARKER").exists()
    assert Path(done.args[0]).is_dir()
