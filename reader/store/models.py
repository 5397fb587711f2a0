"""The tables of the annotation store, as SQLAlchemy 2 mapped classes.

The schema itself is created and upgraded by the ordered migration steps in
``reader.store.db`` (raw DDL, so an old database is upgraded by exactly the statements a new one
is built with); these classes describe the current version, and a test checks that both agree.

Offsets are Unicode code points into the canonical text of ``Document.snapshot``, end
exclusive. Times are ISO 8601 UTC strings (``2026-11-21T09:30:00Z``). A note is Markdown
source stored exactly as typed (never normalized); ``None`` means no note. A colour of ``None``
is a note-only annotation.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Document(Base):
    """A text annotations were made on: its hash and a snapshot of the canonical text."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    sha256: Mapped[str] = mapped_column(Text)
    snapshot: Mapped[str] = mapped_column(Text)
    # JSON list of [printed page number, start offset] for the snapshot.
    pages: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    # The user's citekey for the text (None: the exports generate one).
    citekey: Mapped[str | None] = mapped_column(Text, default=None)


class GeneratedCitekey(Base):
    """The key a text was given when it entered the library (or when keys were first kept):
    never changed afterwards, so a key a scholar has cited stays valid. The user's own key
    (``Document.citekey``) wins over it."""

    __tablename__ = "generated_citekeys"

    document_id: Mapped[str] = mapped_column(Text, primary_key=True)
    citekey: Mapped[str] = mapped_column(Text, unique=True)


class Annotation(Base):
    __tablename__ = "annotations"

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    document_id: Mapped[str] = mapped_column(Text, ForeignKey("documents.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text)
    suffix: Mapped[str] = mapped_column(Text)
    color: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created: Mapped[str] = mapped_column(Text)
    updated: Mapped[str] = mapped_column(Text)
    orphaned: Mapped[bool] = mapped_column(default=False)

    tag_links: Mapped[list[AnnotationTag]] = relationship(
        back_populates="annotation",
        cascade="all, delete-orphan",
        order_by="AnnotationTag.position",
    )


class Tag(Base):
    """A tag: ``name`` as first typed, unique by ``key`` (``reader.folding.fold_key``)."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text, unique=True)
    color: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)


class AnnotationTag(Base):
    __tablename__ = "annotation_tags"

    annotation_id: Mapped[str] = mapped_column(
        Text, ForeignKey("annotations.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)

    annotation: Mapped[Annotation] = relationship(back_populates="tag_links")
    tag: Mapped[Tag] = relationship(lazy="joined")


class ColorMeaning(Base):
    """A meaning the user gave a colour (colours without a row keep the default meaning)."""

    __tablename__ = "color_meanings"

    color: Mapped[str] = mapped_column(Text, primary_key=True)
    meaning: Mapped[str] = mapped_column(Text)


class GlossaryKeep(Base):
    """A phrase no view converts."""

    __tablename__ = "glossary_keeps"

    phrase: Mapped[str] = mapped_column(Text, primary_key=True)
    created: Mapped[str] = mapped_column(Text)


class GlossaryEquivalence(Base):
    """Two spellings of one name; ``key`` makes A=B and B=A one entry."""

    __tablename__ = "glossary_equivalences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    a: Mapped[str] = mapped_column(Text)
    b: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text, unique=True)
    created: Mapped[str] = mapped_column(Text)


class GlossaryConversion(Base):
    """The user's own conversion: views show ``replacement`` for ``original``."""

    __tablename__ = "glossary_conversions"

    original: Mapped[str] = mapped_column(Text, primary_key=True)
    replacement: Mapped[str] = mapped_column(Text)
    created: Mapped[str] = mapped_column(Text)


class ThemeMemo(Base):
    """A memo on a theme (a tag) for the comparison view. Keyed by the tag's folding key, not
    by a foreign key, so deleting a tag never deletes what was written about it."""

    __tablename__ = "theme_memos"

    tag_key: Mapped[str] = mapped_column(Text, primary_key=True)
    tag_name: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    created: Mapped[str] = mapped_column(Text)
    updated: Mapped[str] = mapped_column(Text)


class VocabularyEntry(Base):
    """A word the reader added to their vocabulary from the dictionary popup: the word as the
    view showed it, its headwords and pinyin, a definition they may edit, and where they met
    it (the canonical range, its sentence and the printed page label). Keyed by document id
    only (no foreign key): a text need not have annotations to have vocabulary."""

    __tablename__ = "vocabulary"
    __table_args__ = (Index("vocabulary_document", "document_id", "start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(Text)
    word: Mapped[str] = mapped_column(Text)
    traditional: Mapped[str] = mapped_column(Text)
    simplified: Mapped[str] = mapped_column(Text)
    pinyin: Mapped[str] = mapped_column(Text)
    definition: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    page: Mapped[str] = mapped_column(Text)
    created: Mapped[str] = mapped_column(Text)
    updated: Mapped[str] = mapped_column(Text)


class Setting(Base):
    """A setting stored with the annotations, so exports made anywhere agree (and backups keep
    it): ``creator`` (the W3C creator's name), ``bibliography`` (a file for Pandoc)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)
