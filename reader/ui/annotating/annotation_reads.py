"""Reading the annotations the window shows, for
:class:`~reader.ui.annotating.annotations_feature.AnnotationsFeature`: which ones its list model
holds, and when they are read.

The model holds the open text's annotations, or, while the sidebar shows "All articles", every
text's: a library of thousands holds 100,000, whose records cost more memory than the rest of
the window, and reading them all took seconds of the window's thread. So a text's are read when
it opens (at once; on a worker thread, the sidebar saying so, when it has more than
``LARGE_TEXT``), and every text's only when the reader asks for them, on a worker thread, with
their list rows made there too (``AnnotationListModel.rows_for``, no Qt). An edit of the
window's own made while a read is under way is applied again to what the read brings.

Everything is read through ``Services`` (``reader.ops`` and plain ``sqlite3``: the window never
imports SQLAlchemy). The results land on the UI thread through ``workers.Runner``, one lane for
the open text's and one for every text's (a newer read in a lane overtakes the older).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from reader.errors import MeipiError
from reader.ui.annotating.annotation_models import AnnotationListModel
from reader.ui.annotating.palette import shown_meanings
from reader.ui.window.services import LARGE_TEXT

if TYPE_CHECKING:
    from reader.store.records import AnnotationRecord
    from reader.ui.annotating.annotation_models import ListRow
    from reader.ui.annotating.annotations_feature import AnnotationsFeature
    from reader.ui.window.workers import Runner

Applied = tuple[list["AnnotationRecord"], list[str]]
KEPT_TEXTS = 2  # texts left whose annotations are kept for going back (each ≤ LARGE_TEXT)


class AnnotationReads(QObject):
    def __init__(self, feature: AnnotationsFeature) -> None:
        super().__init__(feature)
        self.feature = feature
        self.holds_all = False  # every text's annotations are in the model
        self.reading: dict[str, str | None] = {}  # lane ("open", "all") -> what it reads
        self.applied_meanwhile: list[Applied] = []
        self._runner: Runner | None = None
        # The last texts' annotations, as they were when the reader left them: going back to
        # a text (back and forth between two, as a comparison does) draws them without
        # reading the database again. Any change to any annotation forgets them all.
        self._held: str | None = None  # the text whose annotations the model holds
        self._kept: OrderedDict[str, list[AnnotationRecord]] = OrderedDict()
        feature.services.annotations_changed.connect(self._forget_kept)

    def refresh(self) -> None:
        """Read the open text's annotations, every tag and colour meaning again; update what
        shows them. In the "All articles" scope every text's are read again too, and a text of
        more than ``LARGE_TEXT`` annotations has them read, on a worker thread (``all_loaded``,
        ``records_loaded`` when they are in)."""
        f = self.feature
        doc = f.window.current_document()
        doc_id = doc.id if doc is not None else ""
        try:
            # Plain sqlite3 until the first write (startup budget, issue 10): see Services.
            large = not self.holds_all and f.services.annotation_count(doc_id) > LARGE_TEXT
            # Holding every text's, the read of them below brings the open text's too.
            wanted = not large and not self.holds_all
            read = f.services.read_annotations(doc_id, records=wanted)
        except MeipiError as exc:
            f.edits.report(str(exc))
            return
        if read is None:
            return
        records, tags, meanings = read
        meanings = shown_meanings(meanings)
        f.tags = tags
        f.meanings = meanings
        f.model.set_meanings(meanings)
        if large:
            self._held = None
            self.later(doc_id)
        elif not self.holds_all:
            self.cancel("open")
            f.model.set_records(records)
            self._held = doc_id
        f.sidebar.tags.set_tags(tags)
        f.sidebar.colors.set_meanings(meanings)
        f.sidebar.tag_view.expandAll()
        f.sidebar.update_counts()  # once, for all the rows that changed
        f.menus.update_texts()
        f._redraw()
        if f.sidebar.all_articles():
            self.later(None)
        f.records_loaded.emit()

    def open_text(self, doc_id: str) -> None:
        """The open text's annotations in the model (and nothing else), drawn; read on a
        worker thread when they are many."""
        f = self.feature
        left, self._held = self._held, None
        if left is not None and left != doc_id and not self.reading.get("open"):
            self._keep(left, f.model.records())
        kept = self._kept.pop(doc_id, None)
        if kept is not None:
            self.cancel("open")
            f.model.set_records(kept)
            self._held = doc_id
            f.sidebar.update_counts()
            f._redraw()
            f.records_loaded.emit()
            return
        try:
            large = f.services.annotation_count(doc_id) > LARGE_TEXT
            read = None if large else f.services.read_annotations(doc_id)
        except MeipiError as exc:
            f.edits.report(str(exc))
            return
        if large:
            self.later(doc_id)
            f._redraw()  # the text before's highlights go; this one's come when read
            return
        if read is None:
            return
        self.cancel("open")
        f.model.set_records(read[0])
        self._held = doc_id
        f.sidebar.update_counts()
        f._redraw()
        f.records_loaded.emit()

    def _keep(self, document: str, records: list[AnnotationRecord]) -> None:
        if len(records) > LARGE_TEXT:
            return
        self._kept[document] = records
        self._kept.move_to_end(document)
        while len(self._kept) > KEPT_TEXTS:
            self._kept.popitem(last=False)

    def _forget_kept(self, _document: str) -> None:
        self._kept.clear()

    def note_applied(self, put: Sequence[AnnotationRecord], gone: Sequence[str]) -> None:
        """An edit of the window's own: applied again to what a read under way brings."""
        if self.reading:
            self.applied_meanwhile.append((list(put), list(gone)))

    def later(self, document: str | None) -> None:
        """Read the annotations of ``document`` (None: every text's) and make their rows on a
        worker thread (the sidebar says it is reading); the model takes them when they are in,
        with the window's own edits made meanwhile. A read under way in the same lane (the
        open text's, or every text's) is overtaken by this one."""
        from reader.ui.window.workers import Runner

        f = self.feature
        if self._runner is None:
            self._runner = Runner(self)
        if not self.reading:
            self.applied_meanwhile = []
        lane = "all" if document is None else "open"
        if lane not in self.reading:
            f.window.begin_loading(f"{lane} annotations")
        self.reading[lane] = document
        f.sidebar.set_loading(True)
        read = f.services.records_reader(document)

        def read_rows() -> tuple[list[AnnotationRecord], list[ListRow]]:
            records = read()
            return records, AnnotationListModel.rows_for(records)  # (no Qt: any thread)

        message = (
            self.tr("Reading every article's annotations…")
            if document is None
            else self.tr("Reading this article's annotations…")
        )
        self._runner.run(
            lane,
            read_rows,
            lambda result: self._on_read(lane, result),
            lambda failure: self._on_failed(lane, failure),
            message,
        )

    def cancel(self, lane: str) -> None:
        """A read under way in ``lane`` is no longer wanted (its result is dropped)."""
        if self._runner is not None:
            self._runner.cancel(lane)
        self._done(lane)

    def _done(self, lane: str) -> None:
        if lane in self.reading:
            del self.reading[lane]
            self.feature.window.finish_loading(f"{lane} annotations")
        self.feature.sidebar.set_loading(bool(self.reading))

    def _on_read(self, lane: str, result: tuple[list[AnnotationRecord], Sequence[ListRow]]) -> None:
        f = self.feature
        document = self.reading.get(lane)
        self._done(lane)
        doc = f.window.current_document()
        if lane == "all":
            if not f.sidebar.all_articles():
                return  # the reader went back to the open text's meanwhile
            self.holds_all = True
        elif self.holds_all or doc is None or doc.id != document:
            return  # another text is open, or every text's are held, since
        records, rows = result
        f.model.set_records(records, rows)
        self._held = None if lane == "all" else document
        for put, gone in self.applied_meanwhile:
            f.model.drop(gone)
            f.model.put([r for r in put if lane == "all" or r.document == document])
        if not self.reading:
            self.applied_meanwhile = []
        f.sidebar.update_counts()
        f._redraw()
        if lane == "all":
            f.all_loaded.emit()
        f.records_loaded.emit()

    def _on_failed(self, lane: str, message: str) -> None:
        self._done(lane)
        self.feature.edits.report(message)

    def scope_changed(self, all_articles: bool) -> None:
        """The sidebar shows every text's annotations (read them), or the open text's (the
        others' records are let go: memory)."""
        if all_articles:
            if not self.holds_all:
                self.later(None)
            return
        self.cancel("all")
        if self.holds_all:
            f = self.feature
            doc = f.window.current_document()
            self.holds_all = False
            f.model.set_records(f.model.records(doc.id) if doc is not None else [])
            self._held = doc.id if doc is not None else None
            f.sidebar.update_counts()
