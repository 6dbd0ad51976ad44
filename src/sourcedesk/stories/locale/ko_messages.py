"""Korean translations for the stories and publish catalogues, applied by ``fill_catalogue``.

Run ``python src/sourcedesk/stories/locale/ko_messages.py`` after ``makemessages`` to fill every
msgstr it knows; it lists any msgid still missing a translation.
"""

from __future__ import annotations

import sys
from pathlib import Path

KO = {
    # stories: forms and models
    "Stories": "기사",
    "Korean headline": "한국어 제목",
    "Standfirst": "요약문",
    "Body (Korean, Markdown)": "본문 (한국어, 마크다운)",
    "Region": "지역",
    "Tags": "태그",
    "People in this story": "이 기사 속 인물",
    "One name per line. Never published; the scanner flags these names wherever they appear.": "한 줄에 한 이름. 공개되지 않으며, 스캐너가 이 이름이 나오는 곳마다 표시합니다.",
    "Translator": "번역가",
    "Headline": "제목",
    "Body (Markdown)": "본문 (마크다운)",
    "Byline": "바이라인",
    "Leave empty for the desk's byline.": "비워 두면 데스크 바이라인을 씁니다.",
    "Reason for publishing this anyway": "그래도 발행하는 이유",
    "Note": "메모",
    "Correction note (Korean)": "정정 안내 (한국어)",
    "Correction note (English)": "정정 안내 (영어)",
    "Photo": "사진",
    "Korean caption": "한국어 설명",
    "English caption": "영어 설명",
    "Korean alt text": "한국어 대체 텍스트",
    "English alt text": "영어 대체 텍스트",
    "Credit": "출처",
    "File photo": "자료 사진",
    "Korean": "한국어",
    "English": "영어",
    "Draft": "초안",
    "In translation": "번역 중",
    "In edit": "편집 중",
    "Approved": "승인됨",
    "Published": "발행됨",
    "Corrected": "정정됨",
    "Unpublished": "발행 취소됨",
    "slug": "슬러그",
    "Korean name": "한국어 이름",
    "English name": "영어 이름",
    "country": "국가",
    "region": "지역",
    "regions": "지역",
    "tag": "태그",
    "tags": "태그",
    "story key": "기사 키",
    "state": "상태",
    "reporter": "기자",
    "translator": "번역가",
    "people in this story": "이 기사 속 인물",
    "story": "기사",
    "stories": "기사",
    "language": "언어",
    "headline": "제목",
    "standfirst": "요약문",
    "body": "본문",
    "Markdown. Blank lines separate paragraphs.": "마크다운. 빈 줄로 문단을 나눕니다.",
    "byline": "바이라인",
    "edition": "판",
    "editions": "판",
    "Written by": "글",
    "Translated by": "번역",
    "Edited by": "편집",
    "Photo by": "사진",
    "credit": "출처",
    "file photo": "자료 사진",
    "Korean note": "한국어 안내",
    "English note": "영어 안내",
    # stories: services
    "none": "없음",
    "Only a reporter or an editor can start a story; your role is %(role)s.": "기사는 기자나 편집자만 시작할 수 있습니다. 당신의 역할은 %(role)s입니다.",
    "A story needs a Korean headline.": "기사에는 한국어 제목이 필요합니다.",
    "Only the story's reporter or an editor can change its details; your role is %(role)s.": "기사 정보는 담당 기자나 편집자만 바꿀 수 있습니다. 당신의 역할은 %(role)s입니다.",
    "You cannot edit the %(language)s edition while the story is %(state)s; your role is %(role)s.": "기사가 '%(state)s' 상태인 동안에는 %(language)s판을 고칠 수 없습니다. 당신의 역할은 %(role)s입니다.",
    "%(name)s saved this edition after you opened it (now version %(version)s). Nothing of yours was saved: your text is below, next to theirs.": "이 판을 연 뒤에 %(name)s 님이 저장했습니다(현재 버전 %(version)s). 당신의 글은 저장되지 않았습니다. 아래에 상대의 글과 나란히 남아 있습니다.",
    "Someone": "누군가",
    "The %(language)s edition needs a headline and a body first.": "먼저 %(language)s판에 제목과 본문이 있어야 합니다.",
    "Only the story's reporter or an editor can send it to translation; your role is %(role)s.": "담당 기자나 편집자만 번역으로 보낼 수 있습니다. 당신의 역할은 %(role)s입니다.",
    "Only a draft can be sent to translation; this story is %(state)s.": "초안만 번역으로 보낼 수 있습니다. 이 기사는 '%(state)s' 상태입니다.",
    "Only a translator or an editor can send a story to edit; your role is %(role)s.": "번역가나 편집자만 편집으로 보낼 수 있습니다. 당신의 역할은 %(role)s입니다.",
    "Only a story in translation can be sent to edit; this story is %(state)s.": "번역 중인 기사만 편집으로 보낼 수 있습니다. 이 기사는 '%(state)s' 상태입니다.",
    "Only an editor can send a story back; your role is %(role)s.": "편집자만 기사를 되돌려 보낼 수 있습니다. 당신의 역할은 %(role)s입니다.",
    "A story can only go back to draft or to translation.": "기사는 초안이나 번역 단계로만 되돌릴 수 있습니다.",
    "A story that is %(state)s cannot be sent back.": "'%(state)s' 상태의 기사는 되돌려 보낼 수 없습니다.",
    "Say why the story goes back.": "기사를 되돌리는 이유를 적어 주세요.",
    "The protection scanner is not available, so nothing can be published.": "보호 스캐너를 쓸 수 없어 아무것도 발행할 수 없습니다.",
    "Publication refused: %(count)s high-risk finding(s) unresolved.": "발행 거부: 해결되지 않은 고위험 항목이 %(count)s개 있습니다.",
    "Only an editor can approve a story; your role is %(role)s.": "편집자만 기사를 승인할 수 있습니다. 당신의 역할은 %(role)s입니다.",
    "Only a story in edit can be approved; this story is %(state)s.": "편집 중인 기사만 승인할 수 있습니다. 이 기사는 '%(state)s' 상태입니다.",
    "Only an editor can publish a story; your role is %(role)s.": "편집자만 기사를 발행할 수 있습니다. 당신의 역할은 %(role)s입니다.",
    "A story that is %(state)s cannot be published; it must be edited first.": "'%(state)s' 상태의 기사는 발행할 수 없습니다. 먼저 편집을 거쳐야 합니다.",
    "Only an editor can correct a story; your role is %(role)s.": "편집자만 기사를 정정할 수 있습니다. 당신의 역할은 %(role)s입니다.",
    "Only a published story can be corrected; this story is %(state)s.": "발행된 기사만 정정할 수 있습니다. 이 기사는 '%(state)s' 상태입니다.",
    "A correction needs a note in Korean and in English.": "정정에는 한국어와 영어 안내문이 모두 필요합니다.",
    "Only an editor can unpublish a story; your role is %(role)s.": "편집자만 발행을 취소할 수 있습니다. 당신의 역할은 %(role)s입니다.",
    "Only a published story can be unpublished; this story is %(state)s.": "발행된 기사만 발행을 취소할 수 있습니다. 이 기사는 '%(state)s' 상태입니다.",
    "Say why the story is unpublished.": "발행을 취소하는 이유를 적어 주세요.",
    "Only an editor can override a finding; your role is %(role)s.": "편집자만 검출 항목을 예외 처리할 수 있습니다. 당신의 역할은 %(role)s입니다.",
    "Write the reason for the override (at least 10 characters).": "예외 처리 이유를 적어 주세요(10자 이상).",
    "Choose the finding to override.": "예외 처리할 항목을 고르세요.",
    "Only the story's reporter or an editor can add photos; your role is %(role)s.": "담당 기자나 편집자만 사진을 추가할 수 있습니다. 당신의 역할은 %(role)s입니다.",
    "Upload a JPEG, PNG or WebP photo.": "JPEG, PNG, WebP 사진을 올려 주세요.",
    "The photo could not be cleaned of its metadata, so it was not kept.": "사진의 메타데이터를 지울 수 없어 보관하지 않았습니다.",
    # stories: templates
    "High": "높음",
    "Medium": "중간",
    "Low": "낮음",
    "Suggestion:": "제안:",
    "No findings.": "검출 항목 없음.",
    "Edit edition": "판 편집",
    "Back to the story": "기사로 돌아가기",
    "Korean edition": "한국어판",
    "English edition": "영어판",
    "Saved by someone else": "다른 사람이 저장함",
    "Your text is in the form below and was not saved. This is the text now saved:": "당신의 글은 아래 양식에 있으며 저장되지 않았습니다. 현재 저장된 글은 다음과 같습니다:",
    "Save": "저장",
    "Annotate amounts": "금액 환산 표기",
    "Findings in the saved text": "저장된 글의 검출 항목",
    "Marked text": "표시된 글",
    "Preview": "미리 보기",
    "New story": "새 기사",
    "Write the Korean edition first. Every save is scanned for details that could identify a source.": "한국어판을 먼저 쓰세요. 저장할 때마다 취재원을 드러낼 수 있는 내용을 검사합니다.",
    "Create draft": "초안 만들기",
    "Story": "기사",
    "(no headline)": "(제목 없음)",
    "Reporter: %(reporter)s": "기자: %(reporter)s",
    "Translator: %(translator)s": "번역가: %(translator)s",
    "Change details": "정보 변경",
    "Publication gate": "발행 관문",
    "Override “%(text)s”: reason": "“%(text)s” 예외 처리 이유",
    "Override with this reason": "이 이유로 예외 처리",
    "No unresolved high-risk findings.": "해결되지 않은 고위험 항목이 없습니다.",
    "Overrides": "예외 처리",
    "Workflow": "작업 흐름",
    "Back to": "되돌릴 단계",
    "Edit": "편집",
    "Findings": "검출 항목",
    "Translation view": "번역 화면",
    "Photos": "사진",
    "No photos.": "사진 없음.",
    "The photo is stripped of its metadata on upload; the original is not kept.": "사진은 올릴 때 메타데이터가 지워지며 원본은 보관하지 않습니다.",
    "Add photo": "사진 추가",
    "Corrections": "정정",
    "History": "이력",
    "Story details": "기사 정보",
    "Save details": "정보 저장",
    "Filter by state": "상태별 보기",
    "All": "전체",
    "State": "상태",
    "Reporter": "기자",
    "Updated": "수정",
    "No stories here.": "기사가 없습니다.",
    "Translation": "번역",
    "English v%(version)s": "영어판 v%(version)s",
    "Someone else saved the English edition after you opened it. Your text is kept below; the saved text is shown under each paragraph. Save again to keep yours.": "이 화면을 연 뒤에 다른 사람이 영어판을 저장했습니다. 당신의 글은 아래에 남아 있고, 저장된 글은 각 문단 밑에 보입니다. 당신의 글을 남기려면 다시 저장하세요.",
    "Stale: the Korean paragraph changed since this was translated.": "갱신 필요: 번역한 뒤에 한국어 문단이 바뀌었습니다.",
    "Still correct": "그대로 맞음",
    "Paragraph %(n)s": "%(n)s번째 문단",
    "Saved:": "저장된 글:",
    "Anything more in English (new paragraphs)": "영어로 덧붙일 내용(새 문단)",
    "Save translation": "번역 저장",
    "Findings in the English edition": "영어판의 검출 항목",
    # stories: views
    "Send to translation": "번역으로 보내기",
    "Send to edit": "편집으로 보내기",
    "Approve": "승인",
    "Publish": "발행",
    "Send back": "되돌려 보내기",
    "Publish correction": "정정 발행",
    "Unpublish": "발행 취소",
    "Done: the story is now %(state)s.": "완료: 기사가 이제 '%(state)s' 상태입니다.",
    "Write the reason for the override.": "예외 처리 이유를 적어 주세요.",
    "Override recorded.": "예외 처리를 기록했습니다.",
    "Amount annotation is not available yet.": "금액 환산 표기는 아직 쓸 수 없습니다.",
    "Amounts could not be annotated; your text is unchanged.": "금액을 환산하지 못했습니다. 글은 바뀌지 않았습니다.",
    "Amounts annotated. Check them, then save.": "금액을 환산해 표기했습니다. 확인한 뒤 저장하세요.",
    "You cannot edit this edition while the story is %(state)s.": "기사가 '%(state)s' 상태인 동안에는 이 판을 고칠 수 없습니다.",
    "Saved.": "저장했습니다.",
    "You cannot edit the English edition while the story is %(state)s.": "기사가 '%(state)s' 상태인 동안에는 영어판을 고칠 수 없습니다.",
    "Translation saved.": "번역을 저장했습니다.",
    "Choose a photo to upload.": "올릴 사진을 고르세요.",
    "The photo is too large (25 MB at most).": "사진이 너무 큽니다(최대 25MB).",
    "Photo added, its metadata removed.": "사진을 추가하고 메타데이터를 지웠습니다.",
    "Linked reports": "연결된 보고",
    "Report numbers, separated by commas. Internal only; never published.": "보고 번호를 쉼표로 구분해 적으세요. 내부용이며 공개되지 않습니다.",
    "Linked claims": "연결된 주장",
    "Claim numbers, separated by commas. Internal only; never published.": "주장 번호를 쉼표로 구분해 적으세요. 내부용이며 공개되지 않습니다.",
    "reports": "보고",
    "claims": "주장",
    "Give report and claim numbers as digits, separated by commas.": "보고와 주장 번호는 숫자로, 쉼표로 구분해 적으세요.",
    "Some of those reports or claims do not exist or are not yours to link.": "일부 보고나 주장이 없거나 당신이 연결할 수 없는 것입니다.",
    "Only the story's reporter or an editor can link reports and claims; your role is %(role)s.": "담당 기자나 편집자만 보고와 주장을 연결할 수 있습니다. 당신의 역할은 %(role)s입니다.",
    "Reports and claims": "보고와 주장",
    "internal only": "내부용",
    "Report #%(number)s": "보고 #%(number)s",
    "Claim #%(number)s": "주장 #%(number)s",
    "Created": "생성",
    "Not started": "시작 전",
    "%(stale)s stale, %(missing)s to translate": "갱신 필요 %(stale)s개, 번역할 문단 %(missing)s개",
    "Up to date": "최신",
    "Only an editor can add tags; your role is %(role)s.": "편집자만 태그를 추가할 수 있습니다. 당신의 역할은 %(role)s입니다.",
    "A tag needs an address word and a Korean and an English name.": "태그에는 주소용 단어와 한국어·영어 이름이 필요합니다.",
    "A tag with that address already exists.": "같은 주소의 태그가 이미 있습니다.",
    "Address word": "주소용 단어",
    "Latin letters; made from the English name if empty.": "로마자로 적습니다. 비워 두면 영어 이름으로 만듭니다.",
    "Tag added.": "태그를 추가했습니다.",
    "No tags yet.": "아직 태그가 없습니다.",
    "Add a tag": "태그 추가",
    "Add tag": "태그 추가",
    "Changes since translation": "번역 이후 바뀐 부분",
    "Only the story's reporter or an editor can remove photos; your role is %(role)s.": "담당 기자나 편집자만 사진을 뺄 수 있습니다. 당신의 역할은 %(role)s입니다.",
    "No such photo.": "그런 사진이 없습니다.",
    "Photo removed.": "사진을 뺐습니다.",
    "Remove photo": "사진 빼기",
    "Published at": "공개 주소",
    "The %(language)s edition still has a paragraph marked %(marker)s (not written yet).": "%(language)s판에 아직 쓰지 않은 문단(%(marker)s 표시)이 남아 있습니다.",
    "Korean edition saved": "한국어판 저장",
    "English edition saved": "영어판 저장",
    "Details changed": "정보 변경",
    "Reports and claims linked": "보고와 주장 연결",
    "Photo added": "사진 추가",
    "Sent to translation": "번역으로 보냄",
    "Sent to edit": "편집으로 보냄",
    "Sent back": "되돌려 보냄",
    "Correction published": "정정 발행",
    "Finding overridden": "검출 항목 예외 처리",
    "Photo removed": "사진 삭제",
    # assigning a story to a reporter
    "The reporter sees the story and writes its Korean edition.": "담당 기자가 기사를 보고 한국어판을 씁니다.",
    "Myself": "본인",
    "Only an editor can assign a story to a reporter; your role is %(role)s.": "편집자만 기사를 기자에게 배정할 수 있습니다. 당신의 역할은 %(role)s입니다.",
    "A story can only be assigned to an active reporter.": "기사는 활동 중인 기자에게만 배정할 수 있습니다.",
    "Assigned to a reporter": "기자에게 배정됨",
    # a source's desk pseudonym in public text
    "A source's desk pseudonym: it ties the story to every report from that source.": "소식통의 데스크 가명입니다. 이 기사를 그 소식통의 모든 제보와 이어 줍니다.",
    # where a finding blocking publication is
    "photo caption": "사진 설명",
    "photo alt text": "사진 대체 텍스트",
    "photo credit": "사진 출처",
    "staff credit": "담당자 표기",
    "correction note": "정정 안내",
    "tag name": "태그 이름",
    "region name": "지역 이름",
    "Publication refused by the gate": "관문이 발행을 거부함",
    # publish
    "%(path)s is not empty and holds no previous export; choose an empty folder or pass --overwrite.": "%(path)s 폴더가 비어 있지 않고 이전 내보내기도 아닙니다. 빈 폴더를 고르거나 --overwrite를 주세요.",
    "%(path)s is not a folder.": "%(path)s은(는) 폴더가 아닙니다.",
    "%(site)s North Korea desk": "%(site)s 북한팀",
    "Read in Korean": "한국어로 읽기",
    "Read in English": "영어로 읽기",
    "%(site)s — latest stories": "%(site)s — 최신 기사",
    "Tag: %(name)s": "태그: %(name)s",
    "Region: %(name)s": "지역: %(name)s",
    "Latest stories": "최신 기사",
    "Correction": "정정",
    "Language": "언어",
    "Atom feed": "Atom 피드",
    "This site loads nothing from other hosts and needs no JavaScript.": "이 사이트는 다른 서버에서 아무것도 불러오지 않으며 자바스크립트가 필요 없습니다.",
    "No stories yet.": "아직 기사가 없습니다.",
    "Pages": "페이지",
    "Newer": "최신",
    "Page %(page)s of %(pages)s": "%(pages)s쪽 중 %(page)s쪽",
    "Older": "이전",
}

PLURALS = {
    "%(counter)s high-risk finding blocks publication.": "고위험 항목 %(counter)s개가 발행을 막고 있습니다.",
    "%(counter)s paragraph is stale: its Korean paragraph changed.": "문단 %(counter)s개가 갱신 필요: 한국어 문단이 바뀌었습니다.",
}


def fill(path: Path) -> list[str]:
    """Fill every known msgstr in the catalogue at ``path``; return the msgids still missing."""
    import polib

    catalogue = polib.pofile(str(path))
    missing = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            # A fuzzy match from makemessages is a guess from a similar msgid: never keep it.
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.msgstr = ""
            if entry.msgid_plural:
                entry.msgstr_plural = {0: ""}
        if entry.msgid_plural:
            text = PLURALS.get(entry.msgid)
            if text:
                entry.msgstr_plural = {0: text}
        elif entry.msgid in KO:
            entry.msgstr = KO[entry.msgid]
        if not (entry.msgstr or (entry.msgstr_plural and all(entry.msgstr_plural.values()))):
            missing.append(entry.msgid)
    catalogue.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    catalogue.metadata["Language"] = "ko"
    catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    catalogue.save()
    return missing


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1].parent
    gaps = []
    for app in ("stories", "publish"):
        gaps += fill(root / app / "locale" / "ko" / "LC_MESSAGES" / "django.po")
    for msgid in gaps:
        print("missing:", msgid)
    sys.exit(1 if gaps else 0)
