"""The scanner: labelled cases in Korean, English and Chinese, and its contract with callers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sourcedesk.protect import Finding, default_allow, scan
from sourcedesk.protect.evaluate import evaluate

DATA = Path(__file__).parent / "data"
RECORDS = [
    json.loads(line) for line in (DATA / "labelled.jsonl").read_text(encoding="utf-8").splitlines() if line
]


def _overlaps(findings: list[Finding], text: str, sub: str) -> bool:
    start = text.index(sub)
    end = start + len(sub)
    return any(f.start < end and start < f.end for f in findings)


@pytest.mark.parametrize("record", RECORDS, ids=[r["id"] for r in RECORDS])
def test_labelled_identifiers_are_flagged(record):
    """Every labelled identifier overlaps a finding."""
    findings = scan(record["text"], record["lang"])
    missed = [s for s in record["identifiers"] if not _overlaps(findings, record["text"], s)]
    assert missed == []


@pytest.mark.parametrize("record", RECORDS, ids=[r["id"] for r in RECORDS])
def test_labelled_safe_spans_are_not_flagged(record):
    """Provinces, counties, money, months, organisations and allow-listed people are left alone."""
    findings = scan(record["text"], record["lang"])
    flagged = [s for s in record["safe"] if _overlaps(findings, record["text"], s)]
    assert flagged == []


def test_labelled_set_scores():
    """Recall and precision on the desk's own labelled set stay at the targets."""
    result = evaluate(DATA / "labelled.jsonl")
    assert result["recall"] >= 0.97
    assert result["precision"] >= 0.92


def test_ordinary_reporting_has_no_findings():
    """Sentences without identifiers (Korean and English news style) yield no findings at all."""
    for line in (DATA / "negatives.txt").read_text(encoding="utf-8").splitlines():
        assert scan(line) == [], line


def test_empty_text_has_no_findings():
    """Empty text yields an empty list."""
    assert scan("") == []
    assert scan("   \n") == []


def test_offsets_are_code_points():
    """Offsets index the Python string (code points), so text[start:end] is the finding."""
    text = '😀 소식통은 "창렬리에 사는 한정미 씨"라고 했다.'
    findings = scan(text)
    assert findings
    for f in findings:
        assert text[f.start : f.end] == f.text


def test_finding_shape():
    """A finding carries kind, severity, text, reason and a bilingual suggestion."""
    (f,) = [f for f in scan("지난 9월 14일 국경을 넘었다.") if f.kind == "date"]
    assert f.severity == "high"
    assert f.text == "9월 14일"
    assert f.reason
    assert f.suggestion == {"ko": "9월 중순", "en": "mid-September"}
    assert set(f.as_dict()) >= {"start", "end", "kind", "severity", "text", "reason"}


def test_village_suggestion_names_the_county():
    """A village is suggested as "a village in" the county named nearby."""
    text = "함경북도 무산군 창렬리에 사는 주민"
    (f,) = [f for f in scan(text) if f.kind == "place"]
    assert f.text == "창렬리"
    assert f.suggestion == {"ko": "무산군의 한 마을", "en": "a village in Musan County"}


def test_deny_list_flags_declared_names():
    """Names a reporter declares for the story are always flagged, even ordinary-looking words."""
    text = "그날 장미는 혼자 시장에 갔다. Later Rose went home."
    findings = scan(text, deny=["장미", "Rose"])
    assert [f.text for f in findings if f.kind == "person"] == ["장미", "Rose"]
    assert all(f.severity == "high" for f in findings)


def test_allow_list_is_editable():
    """Public figures are allowed by default; a caller-supplied allow-list replaces the default."""
    text = "김정은 위원장과 시진핑 주석이 만났다. Kim Jong Un met Xi Jinping."
    assert [f for f in scan(text) if f.kind == "person"] == []
    flagged = [f.text for f in scan(text, allow=set()) if f.kind == "person"]
    assert "Kim Jong Un" in flagged
    assert "김정은" in default_allow()


def test_deny_beats_allow():
    """A name declared for the story is flagged even if it is on the allow-list."""
    findings = scan("김정은 위원장", deny=["김정은"])
    assert [f.text for f in findings] == ["김정은"]


def test_common_words_starting_with_surnames_are_not_names():
    """이번, 이후, 최근, 조사, 정부, 한국인 … are ordinary words."""
    text = "이번 조사 이후 최근 정부는 한국인 전문가들과 장마당 이야기를 나눴다. 이상한 일이다."
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("리명철 동무가 왔다.", "리명철"),
        ("림영숙은 장사를 한다.", "림영숙"),
        ("로철민 씨의 집", "로철민"),
        ("류경희(38)는", "류경희"),
        ("남궁민수가 말했다.", "남궁민수"),
        ("중개인 왕웨이는", "왕웨이"),
        ("Ri Myong-chol said", "Ri Myong-chol"),
        ("Choe Kwang Il, a trader", "Choe Kwang Il"),
        ("broker Liu Jianguo said", "Liu Jianguo"),
        ("中介李明哲说", "李明哲"),
    ],
)
def test_names_in_north_korean_and_chinese_spellings(text, expected):
    """NK spellings (리/림/로/류), two-syllable surnames, Chinese names in Hangul, Hanzi and pinyin."""
    assert expected in [f.text for f in scan(text) if f.kind == "person"]


@pytest.mark.parametrize(
    ("text", "number", "code"),
    [
        ("번호 138-0013-8000", "138-0013-8000", "phone_cn"),
        ("call +86 186 0415 2297 now", "+86 186 0415 2297", "phone_cn"),
        ("손전화 191-234-5678", "191-234-5678", "phone_kp"),
        ("+850 195 123 4567", "+850 195 123 4567", "phone_kp"),
        ("휴대폰 010-1234-5678", "010-1234-5678", "phone_kr"),
        ("(+82) 10 2233 4455", "+82) 10 2233 4455", "phone_kr"),
    ],
)
def test_phone_numbers(text, number, code):
    """Chinese, North and South Korean phone numbers, with country codes, spaces and dashes."""
    phones = [f for f in scan(text) if f.kind == "phone"]
    assert phones, text
    assert number in phones[0].text or phones[0].text in number
    assert phones[0].code == code


def test_chinese_resident_id_checksum():
    """A Chinese ID with a valid check digit is reported as such; a wrong one is still flagged."""
    good = scan("身份证 11010519491231002X")
    bad = scan("身份证 110105194912310021")
    assert good[0].code == "cn_id"
    assert bad[0].code == "cn_id_bad"
    assert good[0].severity == bad[0].severity == "high"


def test_defector_rrn_marker():
    """South Korean RRNs whose back digits start 125/225 are marked as defector-era numbers."""
    (f,) = scan("주민번호 800101-2251234")
    assert f.code == "rrn_defector"
    (g,) = scan("주민번호 800101-2012345")
    assert g.code == "rrn"


def test_cards_accounts_plates_and_messengers():
    """Luhn-valid cards, cue-word accounts, CN/KR plates and messenger IDs are flagged high."""
    text = (
        "카드 4111 1111 1111 1111, 계좌번호 110-234-567890, 차량 吉H·52731 과 12가3456, "
        "QQ 号 48213377, 텔레그램 @hs_river, wxid_abc12345"
    )
    kinds = sorted((f.kind, f.text) for f in scan(text))
    texts = [t for _k, t in kinds]
    for expected in (
        "4111 1111 1111 1111",
        "110-234-567890",
        "吉H·52731",
        "12가3456",
        "48213377",
        "@hs_river",
        "wxid_abc12345",
    ):
        assert expected in texts, expected


def test_money_and_coarse_dates_are_not_flagged():
    """Amounts and month- or year-level dates are not identifiers."""
    text = "2023년 10월, 1인당 800만 원, KRW 2.5 million, USD 1,916, 8,300원, in October 2023, 3월 초"
    assert scan(text) == []


def test_day_precision_dates():
    """Exact dates in every common form are flagged; durations are not."""
    for text in (
        "지난 11일",
        "10월 3일",
        "2024년 3월 12일",
        "October 3, 2023",
        "on the 11th",
        "3月12日",
        "2024-03-12",
    ):
        assert [f for f in scan(text) if f.kind == "date"], text
    for text in ("3일 동안 걸었다", "사흘 만에", "for 11 days", "the 20th century"):
        assert [f for f in scan(text) if f.kind == "date"] == [], text


def test_titles_kinship_and_ages_are_quasi_identifiers():
    """A title tied to a small place is high, a lone title medium; a relative given an age is high."""
    findings = scan("혜산시 연봉동 인민반장인 그녀의 중국인 남편은 43세다. Her Chinese husband runs a shop.")
    by_text = {f.text: f for f in findings}
    assert by_text["인민반장"].severity == "high"  # a title next to a village-level place
    assert by_text["그녀의 중국인 남편"].severity == "high"  # given a post and an age in the sentence
    assert by_text["Her Chinese husband"].severity == "medium"
    assert by_text["43세"].severity == "medium"
    assert by_text["43세"].suggestion == {"ko": "40대", "en": "in their 40s"}
    (lone,) = [f for f in scan("작업반장이 말했다.") if f.kind == "title"]
    assert lone.severity == "medium"


def test_findings_do_not_overlap():
    """Findings come back sorted and never overlap."""
    text = "선양시 황고구 북릉대가 77호 3동 1204호에 숨어 있던 여성은 중국 신분증 번호 210105199011230029 로 위장했다."
    findings = scan(text)
    for a, b in zip(findings, findings[1:], strict=False):
        assert a.end <= b.start
    assert "북릉대가 77호 3동 1204호" in [f.text for f in findings]


def test_importable_without_django():
    """``sourcedesk.protect`` imports and scans without importing Django."""
    code = (
        "import sys; from sourcedesk.protect import scan; from sourcedesk.protect.scrub import scrub_bytes; "
        "assert scan('리명철 씨'); assert not [m for m in sys.modules if m.startswith('django')]"
    )
    src = str(Path(__file__).resolve().parents[3])
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": src, "PATH": "/usr/bin:/bin"})


def test_huge_text_is_refused_not_exhausted():
    """A text beyond the scan limit is refused with a clear error rather than eating memory."""
    from sourcedesk.protect import scanner

    with pytest.raises(ValueError, match="too long"):
        scan("가" * (scanner.MAX_SCAN_CHARS + 1))


@pytest.mark.parametrize(
    "text",
    [
        "기사를 되돌리는 이유를 적어 주세요.",
        "어디에도 복사하지 마세요. 적어 두세요.",
        "중개 수수료는 300만~500만 원이다.",
        "송금 수수료로 30%를 떼였다. 택시비로 2,000위안을 썼다.",
        "만 원짜리 지폐 다섯 장",
        "알려진 바와 같이 떨어진 곳에 보관했다.",
        "한국어와 영어 안내문이 모두 필요합니다.",
        "I use Telegram every day, and my WeChat is on my phone.",
        "A follow-up check found nothing. Runners-up were named.",
        "Release 2.2.366 and build 10.18.0 are installed; the 20th century ended.",
        "He Ran away. So Long Ago.",
    ],
)
def test_ordinary_words_shaped_like_identifiers_are_not_flagged(text):
    """Verbs, amounts, currency words, English words and timestamps are not names, places or handles."""
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("그는 3월 8~9일 이틀 동안 조사를 받았다.", "3월 8~9일"),
        ("지난 5, 6일 이틀간 단속이 있었다.", "지난 5, 6일"),
        ("25.12.2023 도착", "25.12.2023"),
        ("on 12/25/2023 he left", "12/25/2023"),
        ("지난달 27일 새벽", "지난달 27일"),
        ("大约2024年5月3号", "2024年5月3号"),
    ],
)
def test_date_ranges_and_numeric_forms(text, expected):
    """Ranges, day-first and US numeric dates, and Chinese 号 dates are exact dates."""
    assert expected in [f.text for f in scan(text) if f.kind == "date"]


def test_relative_day_suggestion_keeps_the_month_reference():
    """ "지난달 27일" is suggested as late last month, not as this month."""
    (f,) = scan("지난달 27일")
    assert f.suggestion == {"ko": "지난달 하순", "en": "late last month"}


def test_messenger_handle_after_several_cues():
    """A handle is found even when another messenger name comes first in the sentence."""
    findings = scan("KakaoTalk ID. WeChat ID is moran_2211.")
    assert [f.text for f in findings] == ["moran_2211"]


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("장백현 십팔도구진에서", "십팔도구진", "place"),
        ("평양시 대동강구역 문수동 아파트 12층 3호", "문수동", "place"),
        ("신의주시 채하동 1동 3반에 사는", "채하동 1동 3반", "address"),
        ("The head of the 21st inminban in Hyehwa-dong", "21st inminban", "workplace"),
        (
            "her home at 5 Haebang Street, Apartment 302, on Monday",
            "5 Haebang Street, Apartment 302",
            "address",
        ),
        ("朝鲜族商人金光哲在图们市月晴镇白龙村开了一家店", "金光哲", "person"),
        ("중개인 왕밍은 단둥에 산다.", "왕밍", "person"),
    ],
)
def test_fine_places_units_and_names_in_context(text, expected, kind):
    """Chinese towns in Hangul, dong names after a district, flat numbers, inminban, Hanzi names after a role."""
    assert (kind, expected) in [(f.kind, f.text) for f in scan(text)]


def test_adjacent_phone_numbers_are_split():
    """Two phones separated by a space are two findings; a count after a phone is not part of it."""
    findings = scan("번호는 010-1234-5678 010-2345-6789 이다. 186 0415 2297 20명이 연락했다.")
    assert [f.text for f in findings] == ["010-1234-5678", "010-2345-6789", "186 0415 2297"]


def test_many_findings_in_one_text():
    """A text with tens of thousands of findings comes back complete and non-overlapping."""
    text = "Kim Chol-su, 혜산시 연봉동 010-1234-5678\n" * 5000
    findings = scan(text)
    assert len(findings) == 15000
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:], strict=False))


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("Kim Minji and Park Jihoon met in Seoul.", "Kim Minji", "person"),
        ("The village of Changryol was raided.", "village of Changryol", "place"),
        ("그의 주민등록번호 앞자리는 771205 이다.", "771205", "id_number"),
        ("신분증 번호 앞 6자리는 210105 였다.", "210105", "id_number"),
        ("She paid via Alipay account 138****8000.", "138****8000", "phone"),
        ("The man called his daughter in South Korea.", "his daughter in South Korea", "kinship"),
    ],
)
def test_more_identifier_forms(text, expected, kind):
    """One-word romanised names, "village of", partial ID numbers, masked phones, relatives abroad."""
    assert (kind, expected) in [(f.kind, f.text) for f in scan(text)]


@pytest.mark.parametrize(
    "text",
    [
        "They met at the Park Hotel on Park Avenue near Kim Chaek University.",
        "Desk market rates and No market data were published.",
        "홍수 피해를 입은 황해도와 함경도 사람들.",
        "North Korean leader Kim Jong Un and his sister Kim Yo Jong attended the ceremony.",
        "The Rodong Sinmun urged citizens to follow the Party Central Committee.",
    ],
)
def test_more_ordinary_text_is_left_alone(text):
    """Hotels, avenues, institutions named after public figures, historical provinces and officials."""
    assert [f for f in scan(text) if f.kind in ("person", "place")] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The woman, who uses the alias "Sunhee," was questioned.', "Sunhee"),
        ("Her husband was sent to Chongori prison camp.", "Chongori prison camp"),
        ("Kim Jihoon and Park Seoyeon left.", "Kim Jihoon"),
    ],
)
def test_aliases_camps_and_one_word_names(text, expected):
    """Quoted aliases, named prison camps and one-word romanised names are flagged."""
    assert expected in [f.text for f in scan(text)]


def test_adjectives_and_english_sites_are_not_flagged():
    """Korean adjectives shaped like names and English-named sites are left alone."""
    assert scan("온화한 성격의 단정한 여성이 Camp David 회담과 Secure Viewing Station 을 언급했다.") == []


def test_later_mentions_of_a_named_person_are_flagged():
    """After "한정미" or "Han Jong-mi", the given name alone, "한 씨" and "Han said" are flagged too."""
    text = '한정미(41) 씨는 연행됐다. 정미는 "무서웠다"고 말했다. 한 씨의 남편도 조사를 받았다. 한국 정부는 침묵했다.'
    repeats = [f.text for f in scan(text) if f.code == "person_repeat"]
    assert repeats == ["정미", "한 씨"]
    english = "Han Jong-mi, 41, was taken away. Han said she was beaten. A Han Chinese guard watched. An official came."
    assert [f.text for f in scan(english) if f.kind == "person"] == ["Han Jong-mi", "Han"]
