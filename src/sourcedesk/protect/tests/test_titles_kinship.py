"""Titles and kinship: which posts and relatives single out one person, and how severe that is."""

from __future__ import annotations

import pytest

from sourcedesk.protect import scan


def _find(text: str, span: str):
    return [f for f in scan(text) if f.text == span]


def test_the_husband_who_is_the_inspection_chief_blocks_publication():
    """A relative given a county office's title names one man, and through him the source: both high."""
    text = "소식통에 따르면 그녀의 남편은 혜산시 보안서 감찰과장이다"
    findings = {f.text: f for f in scan(text)}
    assert findings["그녀의 남편"].severity == "high"
    assert findings["그녀의 남편"].kind == "kinship"
    assert findings["감찰과장"].severity == "high"
    assert findings["감찰과장"].kind == "title"
    assert "혜산시" not in findings and "보안서" not in findings and "소식통" not in findings


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("소식통에 따르면 그녀의 남편은 혜산시 보안서 감찰과장이다.", "감찰과장"),
        ("무산군 보위부 반탐과장이 지난달 교체됐다.", "반탐과장"),
        ("회령시 유선노동자구 3인민반 인민반장이 숙박검열을 예고했다.", "인민반장"),
        ("창렬리의 인민반장은 주민들을 모았다.", "인민반장"),
        ("그는 창렬리에서 인민반장을 맡고 있다.", "인민반장"),
        ("창렬리에 사는 인민반장이 신고했다.", "인민반장"),
        ("청진시 라남구역 당비서가 해임됐다.", "당비서"),
        ("그는 지난해까지 혜산광산 기사장이었다.", "기사장"),
        ("신의주 세관장이 교체됐다.", "세관장"),
        ("국가보위성 감찰과장이 내려왔다.", "감찰과장"),
        ("The village party secretary in Changryol-ri was arrested.", "village party secretary"),
        (
            "The head of the neighbourhood unit in Yonbong-dong reported her.",
            "head of the neighbourhood unit",
        ),
        ("Hyesan's security chief was fired.", "security chief"),
        ("the Hyesan security chief was fired.", "security chief"),
        ("The party secretary of Sinyang-ri cooperative farm was dismissed.", "party secretary"),
        ("그녀의 丈夫 is irrelevant; 白龙村村长说", "村长"),
    ],
)
def test_titles_tied_to_a_small_place_or_named_office_are_high(text, span):
    """A title with a place below province level or a named office in the same clause is high."""
    (f,) = _find(text, span)
    assert f.kind == "title"
    assert f.severity == "high"
    assert f.reason_text("ko") and f.reason_text("en")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("인민반장이 말했다.", "인민반장"),
        ("분조장은 농장원들에게 할당량을 정해 줬다.", "분조장"),
        ("리당비서는 주민들을 불러 모았다.", "리당비서"),
        ("보위부 감찰과장이 왔다.", "감찰과장"),  # which county's office is not said
        ("양강도 혜산시의 한 인민반장은 이렇게 말했다.", "인민반장"),  # "one of" many
        ("혜산시 소식통은 인민반장이 숙박검열을 예고했다고 전했다.", "인민반장"),  # the source's city
        ("양강도 혜산시 소식통에 따르면 인민반장이 검열을 예고했다.", "인민반장"),
        ("A source in Hyesan said the security chief was replaced.", "security chief"),
        ("평안남도 도당 책임비서가 바뀌었다.", "책임비서"),  # a province is not small
        ("A security chief said the crackdown would continue.", "security chief"),
        ("An inminban head told residents to report strangers.", "inminban head"),
        ("a local party secretary told residents", "local party secretary"),
    ],
)
def test_titles_alone_are_medium(text, span):
    """A title with no small place or named office beside it is medium: worth a look, not a block."""
    (f,) = _find(text, span)
    assert f.kind == "title"
    assert f.severity == "medium"


@pytest.mark.parametrize(
    "text",
    [
        "인민반장들은 주민들에게 동원 지시를 전달했다.",
        "모든 인민반장에게 같은 지시가 내려왔다.",
        "각 인민반장들에게 통보됐다.",
        "인민반장회의가 열렸다.",
        "간부들과 주민들, 북한 당국이 나섰다.",
        "노동당과 국가보위성은 통제를 강화했다.",
        "학교 운동장이 넓다. 처리장이 멈췄다. 무역장사 ",
        "김정은 총비서와 김정은 당위원장, 리영길 총참모장",
        "Party secretaries and inminban heads were summoned.",
        "Every party secretary was summoned.",
        "A local official said soldiers were deployed; the authorities denied it.",
        "The Workers' Party and the Ministry of State Security tightened control.",
    ],
)
def test_collectives_organisations_and_public_figures_are_not_titles(text):
    """Plurals, "every", organisations, ordinary words ending like a title and public offices are left alone."""
    assert [f for f in scan(text) if f.kind in ("title", "kinship")] == []


def test_title_suggestions_coarsen_the_post():
    """Each title suggests the class of official it belongs to, in Korean and English."""
    assert _find("감찰과장이 왔다.", "감찰과장")[0].suggestion == {
        "ko": "보안 간부",
        "en": "a security official",
    }
    assert _find("당비서가 왔다.", "당비서")[0].suggestion == {"ko": "당 간부", "en": "a party official"}
    assert _find("지배인이 왔다.", "지배인")[0].suggestion == {
        "ko": "기업 간부",
        "en": "an enterprise official",
    }
    assert _find("The security chief came.", "security chief")[0].suggestion["en"] == "a security official"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("그녀의 중국인 남편은 연길에서 식당을 한다.", "그녀의 중국인 남편"),
        ("그의 셋째 딸은 평양에서 대학을 다닌다.", "그의 셋째 딸"),
        ("소식통의 남동생은 지난해 군에 입대했다.", "남동생"),
        ("제보자의 큰아들은 탈북을 시도했다.", "큰아들"),
        ("Her Chinese husband runs a shop in Yanji.", "Her Chinese husband"),
        ("The source's younger brother joined the army.", "younger brother"),
        ("The source's brother was arrested.", "brother"),
        ("His third daughter lives in Pyongyang.", "His third daughter"),
        ("消息人士的弟弟在工厂工作。", "弟弟"),
    ],
)
def test_kinship_with_an_identifying_modifier_is_medium(text, span):
    """Nationality, birth order or "the source's" make a relative medium; the source's word itself stays."""
    (f,) = _find(text, span)
    assert f.kind == "kinship"
    assert f.severity == "medium"
    assert f.suggestion and f.suggestion["ko"] == "가족"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("그녀의 남편은 혜산시 보안서 감찰과장이다.", "그녀의 남편"),
        ("그녀의 아들은 보위원이다.", "그녀의 아들"),
        ("그의 아내는 43세다.", "그의 아내"),
        ("그의 아내(38)는 장사를 한다.", "그의 아내"),
        ("그녀의 남편은 창렬리에서 붙잡혔다.", "그녀의 남편"),
        ("소식통의 남동생은 무산광산에서 일한다.", "남동생"),
        ("제 남편은 보안서에서 감찰과장을 하고 있어요.", "제 남편"),
        ("그녀의 중국인 남편은 43세다.", "그녀의 중국인 남편"),
        ("Her husband is the security chief in Hyesan.", "Her husband"),
        ("Her husband, 43, works at the Musan Mine.", "Her husband"),
        ("Her husband, a security agent, was demoted.", "Her husband"),
        ("Her son-in-law, 35, was arrested.", "Her son-in-law"),
        ("她的丈夫是村支书。", "她的丈夫"),
    ],
)
def test_relative_given_a_post_age_workplace_or_small_place_is_high(text, span):
    """A relative described with a post, exact age, workplace or small place in one sentence is high."""
    (f,) = _find(text, span)
    assert f.kind == "kinship"
    assert f.severity == "high"
    assert f.reason_text("ko") != f.reason_text("en")


@pytest.mark.parametrize(
    "text",
    [
        "그녀의 남편은 장사를 한다.",
        "그녀의 남편은 혜산시에 산다.",  # a city is not a small place
        "그녀의 아들은 간부에게 뇌물을 줬다.",  # an official, not his post
        "그녀의 남편은 안전원들에게 붙잡혔다.",
        "아들을 군대에 보낸 어머니들이 모였다.",
        "남편이 없는 여성들은 장사를 한다.",
        "그의 형제들은 모두 떠났다.",
        "간부 처벌이 강화되면서 군관 아내들도 장사를 접었다.",
        "그의 처지는 어렵다. 제 처리 방식은 이렇다.",
        "Her husband works in China and sends money home.",
        "The man's wife died last year.",
        "Their children go to school in the city.",
        "His wife said officials had searched the house.",
    ],
)
def test_plain_or_collective_kinship_is_not_flagged(text):
    """A relative with nothing that singles them out, and plural kin, are not findings."""
    assert [f for f in scan(text) if f.kind == "kinship"] == []


def test_kinship_does_not_swallow_the_word_source():
    """ "소식통의 남동생" flags the brother, so the edit keeps "소식통의 가족"."""
    findings = scan("소식통의 남동생은 지난해 군에 입대했다.")
    assert [f.text for f in findings] == ["남동생"]


def test_a_relative_with_an_age_is_kinship_not_a_name():
    """ "어머니(67)" starts with a surname syllable and carries an age cue, but it is a relative, not a name."""
    findings = scan("그의 어머니(67)는 혜산에 산다.")
    assert [(f.kind, f.text, f.severity) for f in findings] == [
        ("kinship", "그의 어머니", "high"),
        ("age", "(67)", "medium"),
    ]


def test_a_plural_after_coordinated_titles_covers_both():
    """ "지배인과 기사장들" are managers and engineers in general; "지배인과 기사장이" are two people."""
    assert [f for f in scan("공장 지배인과 기사장들이 회의에 불려갔다.") if f.kind == "title"] == []
    assert [f.text for f in scan("지배인과 기사장이 왔다.") if f.kind == "title"] == ["지배인", "기사장"]
