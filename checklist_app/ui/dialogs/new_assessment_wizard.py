"""New assessment (自查自评): who, for which period, against which documents."""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
    QWizard,
    QWizardPage,
)

from checklist_app.core import Assessment, Document, Level, open_period, repeated_by
from checklist_app.core.places import MUNICIPALITIES, PROVINCES
from checklist_app.core.titles import inner_title
from checklist_app.i18n import _
from checklist_app.settings import Settings
from checklist_app.storage.assessments import DETAIL_MAX_CHARS
from checklist_app.ui import message_box
from checklist_app.ui.glyphs import document_caption, on_screen
from checklist_app.ui.lazy import to_simplified
from checklist_app.ui.screen_fit import grow_to_fit, resize_within_screen
from checklist_app.ui.service import (
    AssessmentData,
    StartedNotShownError,
    WorkspaceService,
    refusal_words,
)
from checklist_app.ui.widgets.document_choice import (
    CHECKLIST_LEVELS,
    fill_document_choice,
    middle_level_label,
    ranked_documents,
    select_document,
)
from checklist_app.ui.widgets.labels import plain_label

# An office carries out a municipal or county document; it maps to provincial and national ones.
_PROVINCE = re.compile(r"^.+?(?:省|自治区)")


WIZARD_SIZE = (720, 480)


class Say(Enum):
    """How a page words what it says under its fields."""

    MISSING = ""  # something still to fill in: plain, and it holds the page
    ERROR = "color: #c62828;"  # cannot go on like this: red, and it holds the page
    WARNING = "color: #a15c00;"  # worth knowing now, may be put right later: amber, passes


class CheckedPage(QWizardPage):
    """A wizard page that says under its fields why Next or Finish is not yet possible, or
    what to watch for (``check`` gives the words, "" when there is nothing to say): a
    greyed button alone tells an office worker nothing."""

    def __init__(self, parent: QWidget, check: Callable[[], tuple[str, Say]]) -> None:
        super().__init__(parent)
        self.check = check
        self.problem = plain_label(self, wordWrap=True, objectName="wizardProblem")
        self.problem.hide()

    def isComplete(self) -> bool:
        problem, say = self.check()
        if problem != self.problem.text() or bool(problem) != self.problem.isVisibleTo(self):
            self.problem.setText(problem)
            self.problem.setVisible(bool(problem))
            QTimer.singleShot(0, self, self._make_room)  # not after the page is gone
        self.problem.setStyleSheet(say.value)
        return not problem or say is Say.WARNING

    def _make_room(self) -> None:
        """Grow the wizard (within the screen) until what the page says shows whole: it kept
        the size of its first page, and a warning appearing below the fields was cut off
        mid-sentence, its remedy unseen."""
        if self.wizard() is not None:
            grow_to_fit(self.wizard())

    def refresh(self) -> None:
        self.completeChanged.emit()


TYPED_FIELDS = ("office", "department", "period", "preparer", "addressee")


class NewAssessmentWizard(QWizard):
    def __init__(self, service: WorkspaceService, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newAssessmentWizard")
        self.setWindowTitle(_("New assessment"))
        self.service = service
        self.settings = settings
        known = _known_details(settings, service.data)
        self._carried = _carried_details(settings, service.data)
        self.office = QLineEdit(self)
        self.department = QLineEdit(known["department"], self)
        self.period = QLineEdit(self, placeholderText=_("e.g. 2025年度"))
        self.preparer = QLineEdit(known["preparer"], self)
        self.addressee = QLineEdit(known["addressee"], self,
                                   placeholderText=_("e.g. 市人民政府办公厅"))
        for name in TYPED_FIELDS:  # as much as the report has room for (a longer one taken
            field = getattr(self, name)  # from Settings stays whole, for storage to refuse)
            field.setMaxLength(max(DETAIL_MAX_CHARS[name], len(field.text())))
        self.checklist = QComboBox(self, objectName="checklistDocument")
        self.provincial = QComboBox(self, objectName="provincialDocument")
        self.national = QComboBox(self, objectName="nationalDocument")
        self.import_button = QPushButton(_("Import another document…"), self)
        self.imported_note = plain_label("", self)  # a document imported, not taken as checklist
        self.imported_note.setWordWrap(True)
        self._seen: set[str] | None = None  # the documents listed so far (None: none yet)
        self._chosen: set[QComboBox] = set()  # the lists the user chose in
        self.checklist.activated.connect(self._checklist_chosen)
        self.provincial.activated.connect(lambda: self._chosen.add(self.provincial))
        self.national.activated.connect(lambda: self._chosen.add(self.national))
        self._office = self._office_page()
        self.addPage(self._office)
        self._documents = self._documents_page()
        self.addPage(self._documents)
        self.office.setText(known["office"])
        for edit in (self.office, self.period):
            edit.textChanged.connect(self._office.refresh)
        self.office.textChanged.connect(self._follow_office)
        self._follow_office(self.office.text())  # Settings' office may be another one
        self.checklist.currentIndexChanged.connect(self._documents.refresh)
        self.fill_documents()
        service.opened.connect(self.fill_documents)
        # as wide as the documents page needs from the start: it widened between the pages
        resize_within_screen(self, *WIZARD_SIZE)
        self.saving = False  # the assessment sent to be created, the answer not back yet
        self.save_refused = False  # the last Finish was refused (the reason was said)
        self.sent: dict[str, object] = {}
        self._opened_with = {name: value for name, value in self.fields().items()
                             if name in TYPED_FIELDS}

    def _follow_office(self, office: str) -> None:
        """The department, 填报人 and 主送机关 taken from the assessment shown are that
        office's: typing another office empties those still as they came (a report for
        温州 went out addressed to 重庆市人民政府办公厅), typing it again brings them back.
        What was typed or set in Settings stays."""
        if self._carried is None:
            return
        from_office, details = self._carried
        same = office.strip() == from_office
        for name, value in details.items():
            edit: QLineEdit = getattr(self, name)
            if not same and edit.text() == value:
                edit.clear()
            elif same and not edit.text():
                edit.setText(value)

    def _office_page(self) -> CheckedPage:
        page = CheckedPage(self, self.missing_details)
        page.setTitle(_("Your office"))
        page.setSubTitle(_("Who carries out this self-assessment, and for which period."))
        form = QFormLayout(page)
        form.addRow(_("Office"), self.office)
        form.addRow(_("Department"), self.department)
        form.addRow(_("Period"), self.period)
        form.addRow(_("Prepared by"), self.preparer)
        form.addRow(_("Addressed to"), self.addressee)
        form.addRow("", page.problem)
        return page

    def _documents_page(self) -> CheckedPage:
        page = CheckedPage(self, self.repeated_assessment)
        page.setTitle(_("Documents"))
        page.setSubTitle(_("The checklist is the document your office carries out; the "
                           "reference documents below are the higher levels it maps to: its "
                           "province's (for a district of 北京, 天津, 上海 or 重庆, that city's) "
                           "and the national one."))
        form = QFormLayout(page)
        form.addRow(_("Checklist"), self.checklist)
        form.addRow(middle_level_label(self.provincial, lambda: self.service.data, page),
                    self.provincial)
        form.addRow(_("National reference"), self.national)
        form.addRow("", self.import_button)
        form.addRow("", self.imported_note)
        form.addRow("", page.problem)
        return page

    def missing_details(self) -> tuple[str, Say]:
        """What the first page still needs (the office and the period the report names),
        and, said at once, a period already assessed on the checklist proposed."""
        if not self.office.text().strip():
            return _("Give your office's name, as the report is to be signed."), Say.MISSING
        if not self.period.text().strip():
            return _("Give the period this self-assessment covers, e.g. 2025年度."), Say.MISSING
        return self._repeated_said(_(
            "{office} already has an assessment for {period} on “{checklist}”. Choose "
            "another period, unless you choose another checklist on the next page."),
            Say.WARNING, _(
            "{office} still has {period} open on “{checklist}”. To go on to a "
            "new period, carry it forward (Assessment menu): it is closed, and its statuses, "
            "notes and departments come along. Unless you choose another checklist on the "
            "next page, this wizard cannot start the new period beside it."))

    def repeated_assessment(self) -> tuple[str, Say]:
        """Why the assessment would repeat one already in the workspace, said before the
        wizard closes (afterwards, what was typed in it would be lost)."""
        if not self.checklist.currentData():
            return _("Choose the checklist, or import the document your office carries "
                     "out."), Say.MISSING
        return self._repeated_said(_(
            "{office} already has an assessment for {period} on “{checklist}”. Go back "
            "and choose another period, or close this wizard and continue that one."),
            Say.ERROR, _(
            "{office} still has {period} open on “{checklist}”: two periods "
            "would be open side by side. Close this wizard and carry that assessment forward "
            "into the new period (Assessment menu): it is closed, and its statuses, notes and "
            "departments come along. Or choose another checklist."))

    def _repeated_said(self, repeated: str, say: Say, still_open: str) -> tuple[str, Say]:
        """``repeated`` about the assessment this one would repeat, ``still_open`` about
        another period left open on the same checklist (as ``say``, an error on the last
        page), or nothing to say."""
        new, data = self._proposed(), self.service.data
        if new is None or data is None:
            return "", Say.MISSING
        existing = repeated_by(new, data.assessments)
        if existing is not None:
            return repeated.format(**self._words(existing)), say
        running = open_period(new, data.assessments)
        if running is not None:
            return still_open.format(**self._words(running)), say
        return "", Say.MISSING

    def _proposed(self) -> Assessment | None:
        """The assessment the wizard would start, as far as it is chosen."""
        fields = self.fields()
        if self.service.data is None or not fields["checklist_doc_id"]:
            return None
        return Assessment(id=0, office=str(fields["office"]), period=str(fields["period"]),
                          checklist_doc_id=str(fields["checklist_doc_id"]))

    def _words(self, existing: Assessment) -> dict[str, object]:
        document = self.service.data.documents.get(existing.checklist_doc_id) \
            if self.service.data else None
        return {"office": existing.office, "period": existing.period, "id": existing.id,
                "checklist": on_screen(inner_title(document.title)) if document
                else existing.checklist_doc_id}

    def initializePage(self, page_id: int) -> None:
        """The documents page: the defaults of the lists not chosen in follow the office
        typed on the first page."""
        super().initializePage(page_id)
        if self.page(page_id) is self._documents:
            self.fill_documents()
            self._documents.refresh()

    def fill_documents(self) -> None:
        """Each list offers the documents of its level first, newest import first; the
        others follow under a line. A list the user chose in keeps that choice; the others
        take the defaults (see :func:`default_checklist`), a document imported from here
        first."""
        data = self.service.data
        documents = list(data.documents.values()) if data else []
        fresh = [] if self._seen is None else [d for d in documents if d.id not in self._seen]
        self._seen = {d.id for d in documents}
        ranked = ranked_documents(data)
        for combo, levels in ((self.checklist, CHECKLIST_LEVELS),
                              (self.provincial, (Level.PROVINCIAL,)),
                              (self.national, (Level.NATIONAL,))):
            chosen = combo.currentData() if combo in self._chosen else None
            fill_document_choice(combo, ranked, levels, optional=combo is not self.checklist)
            if chosen is not None:
                select_document(combo, chosen)
        imported = [d for d in fresh if d.level in CHECKLIST_LEVELS]
        if self.checklist not in self._chosen:
            select_document(self.checklist, default_checklist(
                ranked, fresh, preferred=self.settings.default_checklist,
                office=self.office.text().strip()))
        # a checklist chosen stays (the clerk may have imported a reference): said, not done
        untaken = imported[0] if imported and self.checklist in self._chosen \
            and self.checklist.currentData() != imported[0].id else None
        self._default_references(ranked, fresh)
        if untaken is not None and untaken.id in (self.provincial.currentData(),
                                                  self.national.currentData()):
            untaken = None  # taken as a reference (a district's city plan): nothing to say
        self.imported_note.setText(_(
            "Imported {title}: choose it above to make it the checklist.").format(
            title=document_caption(untaken)) if untaken else "")

    def _default_references(self, ranked: list[Document], fresh: list[Document]) -> None:
        """The provincial and national defaults the user has not overridden (a reference
        document just imported is taken at once)."""
        checklist = self.service.data.documents.get(self.checklist.currentData()) \
            if self.service.data else None
        for combo, level, preferred in (
                (self.provincial, Level.PROVINCIAL, self.settings.default_provincial),
                (self.national, Level.NATIONAL, self.settings.default_national)):
            new = [d for d in fresh if d.level is level]
            if combo in self._chosen and not new:
                continue
            self._chosen.discard(combo)
            if new:
                select_document(combo, new[0].id)  # imported for this assessment just now
                continue
            candidates = [d for d in ranked if d.level is level]
            pick = default_provincial if level is Level.PROVINCIAL else default_national
            city = municipality_document(ranked, checklist, self.office.text()) \
                if level is Level.PROVINCIAL else None
            select_document(combo, city or pick(candidates, preferred, checklist))

    def _checklist_chosen(self) -> None:
        self._chosen.add(self.checklist)
        self.imported_note.clear()
        if self.service.data is not None:
            self._default_references(ranked_documents(self.service.data), [])

    def fields(self) -> dict[str, object]:
        return {
            "office": self.office.text().strip(),
            "department": self.department.text().strip(),
            "period": self.period.text().strip(),
            "preparer": self.preparer.text().strip(),
            "addressee": self.addressee.text().strip(),
            "checklist_doc_id": self.checklist.currentData(),
            "provincial_doc_id": self.provincial.currentData() or None,
            "national_doc_id": self.national.currentData() or None,
        }

    def accept(self) -> None:
        """Start the assessment (with no user name in Settings, its 填报人 signs the change
        log: storage/operator.py); the wizard closes once it exists. Refused by the workspace
        (busy, read-only…), the wizard stays as filled in and says why. The office and
        department typed become Settings' when it has none, for the next one. Refused while
        a page still says what is missing."""
        if self.saving or not (self._office.isComplete() and self._documents.isComplete()):
            return
        self._set_saving(True)
        self.save_refused = False
        self.sent = self.fields()  # what the assessment is made of (the fields are locked)
        self.service.new_assessment(done=lambda _data: self._created(),
                                    failed=self._refused, **self.sent)

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        for page_id in self.pageIds():
            self.page(page_id).setEnabled(not saving)
        for button in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.BackButton,
                       QWizard.WizardButton.CancelButton):
            self.button(button).setEnabled(not saving)

    def _created(self) -> None:
        self._set_saving(False)
        fields = self.sent
        for name in ("office", "department"):
            if fields[name] and not getattr(self.settings, name):
                setattr(self.settings, name, fields[name])
        super().accept()

    def _refused(self, error: BaseException) -> None:
        self._set_saving(False)
        if isinstance(error, StartedNotShownError):  # it exists: Finish would make two
            parent = self.parentWidget()
            self._created()
            message_box.warning(parent, _("New assessment"), str(error))
            return
        self.save_refused = True
        reason = refusal_words(error)
        message_box.warning(self, _("The assessment was not started"), _(
            "The assessment was not started. {reason} What you filled in is kept: choose "
            "Finish again once that is put right.").format(reason=reason))

    def typed(self) -> bool:
        """Whether anything was typed or chosen in a list since the wizard opened (a
        document imported meanwhile changes the lists' defaults, not what was filled in)."""
        return bool(self._chosen) or any(self.fields()[name] != value
                                         for name, value in self._opened_with.items())

    def reject(self) -> None:
        """Cancel, Esc or the close button: ask before dropping what was filled in.
        Ignored while the assessment is being created."""
        if self.saving:
            return
        buttons = QMessageBox.StandardButton
        if self.typed() and message_box.question(
                self, _("New assessment"),
                _("Discard the details filled in for the new assessment?"),
                buttons.Discard | buttons.Cancel, buttons.Cancel) != buttons.Discard:
            return
        super().reject()

    def confirm_close(self) -> bool:
        """Asked before quitting or switching language (see MainWindow.dialog_kept_open)."""
        self.reject()
        return not self.isVisible()


def _known_details(settings: Settings, data: AssessmentData | None) -> dict[str, str]:
    """The wizard's first page prefilled: Settings first, else the assessment shown (the
    next period of the same office: the same office, department, 填报人 and 主送机关)."""
    shown = data.assessment if data is not None else None
    own = {"office": settings.office, "department": settings.department,
           "preparer": settings.user_name, "addressee": ""}
    return {name: value or (getattr(shown, name) if shown else "")
            for name, value in own.items()}


def _carried_details(settings: Settings,
                     data: AssessmentData | None) -> tuple[str, dict[str, str]] | None:
    """The office of the assessment shown, and the details the first page took from it
    (Settings had none of them), or None."""
    shown = data.assessment if data is not None else None
    if shown is None:
        return None
    own = {"department": settings.department, "preparer": settings.user_name,
           "addressee": ""}
    return shown.office.strip(), {name: getattr(shown, name) for name, value in own.items()
                                  if not value and getattr(shown, name)}


def default_checklist(ranked: list[Document], fresh: list[Document], *, preferred: str,
                      office: str) -> str | None:
    """The checklist to propose: one just imported, else ``preferred`` (chosen in Settings),
    else the one of the office's own region (重庆市… → 重庆市; the narrowest: a 渝中区 office
    gets 重庆市渝中区's), else the latest imported; all
    of a municipal or county level. ``ranked``: newest import first."""
    fitting = [d for d in ranked if d.level in CHECKLIST_LEVELS]
    new = [d for d in fresh if d.level in CHECKLIST_LEVELS]
    if new:
        return new[0].id
    chosen = [d for d in fitting if d.id == preferred]
    scores = {d.id: region_match(d.region, office) for d in fitting}
    own = sorted((d for d in fitting if scores[d.id]), key=lambda d: scores[d.id],
                 reverse=True)  # 重庆市渝中区 before 重庆市; stable: newest import first
    found = chosen or own or fitting
    return found[0].id if found else None


def default_national(candidates: list[Document], preferred: str,
                     _checklist: Document | None = None) -> str | None:
    """The national document chosen in Settings, else the latest imported."""
    chosen = [d for d in candidates if d.id == preferred]
    found = chosen or candidates
    return found[0].id if found else None


def default_provincial(candidates: list[Document], preferred: str,
                       checklist: Document | None) -> str | None:
    """The document of the checklist's own province (浙江省温州市 → 浙江省), or the one it
    cites by 文号, or of the province its text names most (成都市's opinion cites 四川省's);
    or the one whose text names the checklist's city (广州); else the one chosen in Settings;
    else none (（无）) when the checklist names a place (its province, a 直辖市, a city no
    document names): another province's would be a wrong guess; else the latest imported."""
    province = province_of(checklist.region) if checklist else ""
    same = [d for d in candidates if province and d.region.startswith(province)]
    if same:
        return same[0].id
    cited = [d for d in candidates if checklist and d.doc_number
             and d.doc_number in checklist.cited_doc_numbers]
    if cited:  # 苏州's opinion cites 苏政发〔2022〕38号, 江苏's
        return cited[0].id
    named = [] if province or is_municipality(checklist) else (
        _named_in(checklist, candidates) or _naming(checklist, candidates))
    if named:
        return named[0].id
    if any(d.id == preferred for d in candidates):
        return preferred
    if province or is_municipality(checklist) or (checklist and checklist.region):
        return None  # a place of its own and no document of its province: none, not a guess
    return candidates[0].id if candidates else None


def _naming(checklist: Document | None, candidates: list[Document]) -> list[Document]:
    """The candidates whose text names the checklist's city (广东省's plan names 广州 for
    广州市天河区), the most named first."""
    from checklist_app.importer.metadata import places_of  # the dialog's first use only

    city = (places_of(checklist.region) or [""])[0] if checklist else ""
    stem = city.removesuffix("市")
    if len(stem) < 2:
        return []
    counts = {d.id: sum(to_simplified(f"{n.title}{n.text}").count(stem) for n in d.nodes)
              for d in candidates}
    return sorted((d for d in candidates if counts[d.id]), key=lambda d: counts[d.id],
                  reverse=True)


def _named_in(checklist: Document | None, candidates: list[Document]) -> list[Document]:
    """The candidates whose province the checklist's text names, the most named first."""
    if checklist is None:
        return []
    text = "".join(f"{node.title}{node.text}" for node in checklist.nodes)
    counts = {d.id: text.count(province_of(d.region)) if province_of(d.region) else 0
              for d in candidates}
    named = [d for d in candidates if counts[d.id]]
    return sorted(named, key=lambda d: counts[d.id], reverse=True)  # stable: newest first


def municipality_document(ranked: list[Document], checklist: Document | None,
                          office: str = "") -> str | None:
    """For a district of a 直辖市 (重庆市渝中区), the 直辖市's own document (重庆市's
    opinion, newest import first): the level above its districts, at a province's rank.
    A district's plan often names the district alone (渝北区): then the office's name
    (重庆市渝北区市场监督管理局) says which 直辖市, when it is that district's office."""
    if checklist is None or checklist.level is not Level.COUNTY:
        return None
    city = _municipality_of(checklist.region) or (
        _municipality_of(office) if region_match(checklist.region, office) else "") or (
        _named_municipality(checklist, office) if not province_of(checklist.region) else "")
    found = [d for d in ranked if city and d.level is Level.MUNICIPAL
             and to_simplified(d.region) == city and d.id != checklist.id]
    return found[0].id if found else None


def _named_municipality(checklist: Document, office: str = "") -> str:
    """The 直辖市 a district's plan names most in its text (沙坪坝区's plan on 重庆市's
    tasks), "" when it names none, names a province as often (武侯区's plan on 四川 and
    成渝 cooperation), or the office names a city of a province (成都市武侯区…)."""
    if _CITY_OFFICE.match(to_simplified(office)) and not _municipality_of(office):
        return ""
    text = to_simplified("".join(f"{node.title}{node.text}" for node in checklist.nodes))
    counts = {name: text.count(name[:-1]) for name in MUNICIPALITIES}  # 重庆, 市 or not
    best = max(counts, key=lambda name: counts[name])
    provinces = max(text.count(name.removesuffix("省")) for name in PROVINCES)
    return best if counts[best] > provinces else ""


_CITY_OFFICE = re.compile(r"^[\u4e00-\u9fff]{2,8}?市(?!场)")  # 成都市…, not 市场监管局


def is_municipality(checklist: Document | None) -> bool:
    """A checklist of a 直辖市 (北京, 天津, 上海, 重庆): a city at the level of a province."""
    return checklist is not None and bool(_municipality_of(checklist.region))


def _municipality_of(region: str) -> str:
    """The 直辖市 a region lies in (重慶市渝中區 → 重庆市), "" for none."""
    simplified = to_simplified(region)
    return next((name for name in MUNICIPALITIES if simplified.startswith(name)), "")


def province_of(region: str) -> str:
    """The province a region begins with: 浙江省温州市 → 浙江省; "" when it names none."""
    match = _PROVINCE.match(region)
    return match.group(0) if match else ""


def region_match(region: str, office: str) -> int:
    """How much of the office's name (重庆市渝北区市场监督管理局) the region accounts for:
    重庆市 → 3, 重庆市渝北区 or 渝北区 alone → 6; 0 when the office is not of that region.
    Simplified and traditional script alike (重慶市渝北區)."""
    region, office = to_simplified(region), to_simplified(office)
    if not region or not office:
        return 0
    if office.startswith(region):
        return len(region)
    office_top = province_of(office) or _municipality_of(office)
    region_top = province_of(region) or _municipality_of(region)
    if office_top and region_top and office_top != region_top:
        return 0  # another province's 朝阳区
    local = region[len(region_top):]  # 渝中区 of 重庆市渝中区; 渝北区 of 渝北区
    if len(local) < 2 or not office[len(office_top):].startswith(local):
        return 0
    return len(office_top) + len(local)
