"""Reviewed deny list for the codename word lists.

A source may write her codename down inside North Korea or China. No word in it may, on its own,
suggest espionage, defection, journalism or informing, police, security, arrest, prison,
punishment, death, violence or weapons, religion, politics or leaders, sex or body parts, drugs,
suicide, or insults. ``build_wordlists.py`` drops every candidate this list matches and tops the
lists back up from the next candidates, in the same order.

Korean: ``KO_STEMS`` match anywhere inside a word (anything containing 간첩, 탈북 or 체포 goes);
``KO_WORDS`` match whole words only, for stems too short to match safely inside other words.
English: ``EN_STEMS`` match at the start of a word (arrest, arrested, arrests);
``EN_WORDS`` match whole words only; ``EN_INFIXES`` match anywhere inside a word.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# fmt: off
KO_STEMS = _words("""
간첩 첩보 첩자 스파이 정보원 정보부 정보국 공작원 공작 밀정 정탐 내통 밀고 제보 국정원 보위 안전부
안전원 보안원 보안부 보안서 보위부 감시 도청 암호 비밀 잠입 밀입 침투 잠복 미행 변장 위장 접선 무전
탈북 탈출 망명 월남 월북 귀순 도주 도망 밀항 난민 도강 국경 탈주 이탈 배신 반역 변절 탈영 브로커
송환 북송 밀수 밀매 밀출 은신 피신 도피 잠적 국적 여권 비자 입국 출국 밀항
기자 언론 취재 보도 특파원 신문 방송 통신원 특종 기사 뉴스 인터뷰 폭로 고발 증언 내부자 외신 라디오
단파 녹음 녹화 촬영 카메라 편집 기고 논설 칼럼 출판 전단 삐라 통신사 방송국 신문사 잡지
경찰 체포 구속 수사 검거 감옥 교도 수용소 구금 투옥 수감 징역 처벌 형벌 사형 처형 총살 재판 판사
검사 검찰 법원 기소 유죄 범죄 범인 죄수 죄인 혐의 심문 고문 취조 자백 단속 보안 공안 규찰 감찰
교화 단련대 정치범 관리소 숙청 반동 적대 불순 간수 수갑 족쇄 형사 순경 헌병 군법 벌금 추방 강제
연행 압수 수색 가택 경비 경호 초소 검문 검열 감방 교수형 처단 형량 구류 보석 피고 피의 용의 수배
체제 반체제 불법 위법 범법 범행 공범 주범 자수 신고 고소 소송 피해자 가해자 구치 유치장 경관 순찰
죽음 사망 살인 살해 시체 주검 시신 자살 학살 폭력 폭행 테러 폭탄 폭발 총기 총격 무기 권총 소총
기관총 흉기 사살 암살 피살 납치 인질 강간 성폭 학대 구타 전쟁 전투 미사일 핵무 탄약 수류탄 장례
유서 독약 독살 참수 살상 사상자 전사 부상자 시해 저격 총알 총탄 포탄 대포 지뢰 화약 군인 군대 병사
장교 부대 폭격 공습 침략 침공 학살 유혈 피투성 도살 사체 유골 무덤 묘지 관짝 순교 희생자 죽이 살생
종교 기독 교회 성경 예수 그리스도 하나님 하느님 천주 성당 목사 신부 선교 전도 찬송 예배 기도 십자가
불교 사찰 승려 스님 이슬람 무당 미신 파룬 법륜 신앙 신자 교인 복음 천국 지옥 사탄 악마 부처 성모
교황 수녀 신도 세례 설교 성령 구원 귀신 점쟁이 굿판 염불 사원 교단 이단 사이비
김일성 김정일 김정은 김여정 수령 장군님 위원장 원수 지도자 독재 혁명 반란 봉기 시위 항의 쿠데타 민주
인권 자유 공산 사회주의 자본주의 노동당 당원 공화국 인민 주석 시진핑 마오 모택동 습근평 정부 정권
정치 정당 대통령 총리 국회 선거 투표 남한 북한 조선 한국 중국 미국 미제 일본 대만 티베트 위구르
천안문 괴뢰 남조선 적국 통일 제재 국가 애국 매국 역적 동지 한류 독립 해방 항쟁 저항 투쟁 선동 선전
사상 이념 주체 당국 당중앙 최고 영도 어버이 태양 원수님 간부 평양 베이징 북경 서울 워싱턴 외교 대사관
영사관 유엔 미군 인민군 공산당 정치국 당서기 서기장 총서기 파업 집회 결사 반정부 혁명가 운동권 전향
섹스 성기 성교 성관계 성행위 음경 음부 자위 포르노 야동 매춘 성매매 창녀 매춘부 유방 젖꼭지 엉덩이
항문 고환 정액 생식기 나체 알몸 누드 음란 변태 성욕 콘돔 임신 낙태 불륜 간통 성병 에이즈 성적 음모
자궁 질염 처녀 동정 애무 키스 유두 가슴 사타구니 불알 발기 사정 오르가슴 야한 외설 성희롱 성추행 애인
매독 임질 콘돔 피임 생리 월경 음담 육체 나신
마약 필로폰 빙두 얼음 아편 대마 마리화나 코카인 헤로인 각성제 환각 중독 약물 주사기 양귀비 흥분제
수면제 독극물 마취
자해 투신 목숨 목매 음독 익사 질식 분신 할복
바보 병신 새끼 개새 씨발 시발 미친 멍청 등신 쓰레기 거지 걸레 꼰대 빨갱이 쪽바리 짱깨 되놈 호로
탈환 폭언 헌금 지랄 염병 개소리 똘아이 또라이 찐따 놈 년놈 잡놈 쌍놈 바보 얼간이 머저리 천치 백치 멍텅 병자
궁둥이 극락 계시 교구 미사 빨치산 폭동 폭파 포격 전범 해골 핵연료 핵무기 부적 망령 총소리 생존자 서거
박살 살벌 면죄부 밀실 반입 속살 창자 혈통 우파 좌파 집권 특조위 조사관 의경 장님 천민 하야 배임 벙커
낙하산 도난 이송 총동원 함락 집결 동족 연합국 철거민 노숙 향교 도교 환장 엽기 속보 리포트 전문지 성역
공군 국군 군단 군복 군비 군사 반군 육군 해군 중공군 병역 병장 사병 상병 일병 용병 파병 해병 의병
장병 입대 제대 함대 사단 교전 내전 냉전 작전 전술 전략 참전 패전 종전 전역 전차 사격 잠수함 항공모
사령 대령 소령 중령 대위 하사 점령 포위 반격 공격 공세 공략 방어 국방 격추 원자력 원자로 방사능 대검
죄 징벌 체벌 말살 타살 살포 멱살 도적 산적 적발 표적 추적 해적 이적 전과 형법 법정 법관 사법 법무
법조 구형 변호 규탄 최루탄 탄압 탄핵 탄도 포섭 유포 명령 횡령 감청 증인 목격자 재소자 실종자 참고인
사범 사기 수법 수탈 공소 공판 북핵 비핵 총독 총선 총재 당내 당론 당선 야당 여당 양당 입당 창당 탈당
중앙당 지구당 신당 일당 전당 당파 정파 정계 정국 정쟁 민정 임정 군정 국무 대북 대선 대권 유권자 권력
통치 지배자 민중 식민 공천 경선 인수위 특사 대변인 동맹 쇄국 조국 건국 개국 제국 국왕 대왕 여왕 왕국
왕궁 왕권 왕비 왕실 왕위 왕자 왕조 제왕 세자 개신교 교리 국교 포교 주교 유교 사교 성서 성직자 성자
성지 신봉 대웅전 법당 수도원 안수 사제 천사 추기경 신전 보살 영성 동성애 성생활 정신대 정보 휴대폰
인터넷 사이버 해경 정신병 반항 배반 반공 반발 공권력 규제 국정 검 계급 노동자 농민 빈민 노예 착취
기밀 항거 항일 항복 항소 대항 비판 비난 비방 외무 위안부 위조 위반 위협 위헌 선관위 진술 가담 노조
노총 외화 주술 노름 카지노 모욕 욕설 노출 위스키 투약 몸값 미디어 비디오 노승 불상 불심 음주
출두 몰수 탈취 쟁의 고승 참회 제명 요술 말다툼 난장판
결탁 난동 몸싸움 수형 정찰 중사 지서 진격 천당 분향 영정 법회 화엄 소행 외도 혐오 현혹 회초리 궁지
연정 숭상 이산 민족 분단 경찰서 계엄 군중 무장 내란 외세 적군 아군 포로 수용 수인 유배 귀양
""")

KO_WORDS = _words("""
좆 씹 보지 자지 젖 똥 오줌 피 총 칼 핵 신 당 죄 벌 적 첩 창 포 탄 군 병 옥 형 법 령 왕 교
구금 감금 경계 국정 군사 군부 전선 전방 휴전 지휘 사령 장군 대장 원수 수상 의장 서기 당수 신령
""")

EN_STEMS = (
    "arrest", "prison", "traitor", "treason", "police", "policem", "spy", "spies", "espion", "informant",
    "informer", "snitch", "journal", "reporter", "broadcast", "defect", "refugee", "asylum",
    "escape", "smuggl", "fugitiv", "jail", "detect", "sheriff", "handcuff", "custod", "convict",
    "guilt", "verdict", "judg", "prosecut", "execut", "gallow", "noose", "tortur",
    "interrog", "punish", "penal", "death", "dead", "dying", "kill", "murder", "corpse", "coffin",
    "suicid", "bomb", "gun", "rifle", "pistol", "grenade", "missile",
    "weapon", "sword", "dagger", "knife", "shoot", "sniper", "assault", "attack",
    "soldier", "militia", "military", "rebel", "revolt", "revolut", "riot", "protest", "regime",
    "dictat", "tyran", "communis", "democra", "freedom", "liberty", "presiden",
    "chairman", "church", "bible", "jesus", "christ", "pray", "priest", "pastor", "gospel",
    "heaven", "devil", "satan", "saint", "buddh", "mosque", "religio", "sex",
    "nude", "naked", "nudi", "penis", "breast", "nipple", "porn", "drug", "heroin", "cocaine",
    "opium", "overdos", "idiot", "moron", "stupid", "bastard", "crimin", "crime",
    "illegal", "outlaw", "hostage", "kidnap", "violen", "massacr", "slaughter", "explosi",
    "dynamit", "ballistic", "nuclear", "warfare", "warhead", "warlord", "warrior", "battle",
    "combat", "enemy", "hostil", "surveil", "wiretap", "secret", "covert", "undercover",
    "disguis", "cipher", "censor", "propagand", "dissent", "dissid", "uprising", "martyr",
    "patriot", "nation", "govern", "politic", "parliament", "congress", "senat", "minist",
    "korea", "china", "chinese", "america", "japan", "tibet", "taiwan", "capital", "socialis",
    "marx", "lenin", "mao", "leader", "comrade", "party", "passport", "visa", "immigra",
    "emigra", "border", "frontier", "deport", "exile", "banish", "fugitiv", "outcast",
    "hangm", "hanging", "strangl", "suffocat", "drown", "poison", "toxic", "venom", "lethal",
    "fatal", "slay", "slain", "assassin", "bloodb", "blood", "wound", "injur", "casualt",
    "funeral", "cemeter", "tomb", "burial", "morgue", "autops", "skull", "skelet", "abort",
    "pregnan", "condom", "erotic", "lust", "seduc", "brothel", "prostit", "whore",
    "slut", "harlot", "mistress", "adulter", "orgasm", "genital", "testic", "scrotum",
    "vagin", "vulva", "buttock", "booty", "anus", "rectum", "crotch", "groin",
    "bosom", "cleavage", "sperm", "semen", "ejacul", "libido", "horny", "kinky",
    "fetish", "bondage", "addict", "narcot", "opiat", "morphin", "marijuan", "cannabis", "weed",
    "hashish", "smok", "stoned", "junkie", "hallucin", "sedat", "amphet", "lsd", "ecstasy",
    "cocain", "crack", "syringe", "needle", "inject", "hypoderm", "dumb", "jerk", "loser",
    "scum", "trash", "freak", "lunatic", "insane", "crazy", "psycho", "maniac", "imbecil",
    "cretin", "dimwit", "nitwit", "halfwit", "dunce", "fool", "clown", "brat",
    "swine", "snake", "weasel", "vermin", "ugly", "fatty", "coward",
    "hostil", "terror", "extrem", "radical", "insurg", "guerril", "mutin", "sedit", "subver",
    "sabotag", "infiltrat", "recruit", "agent", "operat", "handler", "decoy",
    "bribe", "corrupt", "ransom", "blackmail", "extort", "threat", "fugit", "manhunt",
    "captiv", "captur", "detain", "detent", "hostag", "imprison", "incarcer", "lockup",
    "lockdown", "inmate", "warden", "guard", "patrol", "trooper", "officer",
    "marshal", "constab", "bailiff", "lawyer", "attorney", "trial", "sentenc", "sued",
    "lawsuit", "testif", "witness", "confess", "accus", "indict", "charg", "jury",
    "exposé", "expose", "leak", "whistle", "press", "news", "editor",
    "headline", "camera", "record", "radio", "satellit", "antenna", "transmit", "broadcas",
    "revenge", "avenge", "vengea", "hatred", "hate", "rage", "wrath", "fury", "cruel",
    "brutal", "savage", "vicious", "sadis", "mangl", "maim", "mutilat", "gore", "gory",
    "bloody", "bleed", "behead", "decapit", "hang", "lynch", "electrocut", "firing",
    "damn", "curse", "satan", "occult", "witch", "voodoo", "pagan",
    "sinner", "holy", "sacred", "divine", "deity", "god", "angel", "prophet",
    "apostl", "disciple", "pilgrim", "psalm", "hymn", "sermon", "preach", "chapel",
    "cathedr", "temple", "shrine", "altar", "baptis", "messiah", "crucif", "cross",
    "rosary", "nun", "cleric", "clergy", "bishop", "cardinal", "pope", "rabbi", "imam",
    "koran", "quran", "islam", "muslim", "hindu", "catholic", "protestant",
    "evangel", "missionar", "worship", "faith", "believ", "soul", "spirit", "resurrect",
    "afterlife", "paradise", "karma", "monaster", "convent", "abbey", "ritual",
    "sacrific", "idol", "heret", "blasphem", "king", "queen", "emperor", "empress",
    "monarch", "royal", "throne", "crown", "reign", "dynast", "sovereign", "czar", "tsar",
    "kaiser", "pharaoh", "sultan", "shah", "prince", "duke", "baron", "lord", "boss",
    "chief", "commander", "colonel", "captain", "sergeant", "admiral",
    "navy", "naval", "army", "armed", "armor", "armour", "tank", "artiller", "cannon",
    "mortar", "musket", "shotgun", "revolver", "holster", "trigger", "ammunit", "cartridg",
    "shrapnel", "landmine", "torpedo", "rocket", "launcher", "nuke", "atomic", "uranium",
    "plutonium", "radioact", "fallout", "bunker", "barrack", "siege", "invad",
    "invasi", "occup", "conquer", "conquest", "raid", "ambush", "skirmish", "duel", "fight",
    "brawl", "punch", "beat", "whip", "flog", "lash", "spank", "slap", "kick", "choke",
    "strangle", "smother", "suffoc", "hostile", "victim", "perpetrat", "culprit", "suspect",
    "felon", "thief", "thiev", "steal", "stole", "burglar", "loot", "pillag",
    "plunder", "pirat", "mafia", "gang", "thug", "hoodlum", "crook", "swindl", "fraud",
    "forger", "counterfeit", "launder", "contraband", "bootleg", "trafficker", "dealer",
    "cartel", "escap", "runaway", "getaway", "hideout", "hiding", "hide",
    "sneak", "smuggl",
)

EN_WORDS = _words("""
war wars spy cop cops die died dies dead god gods sin sins gun guns ak nra cia kgb fbi nsa
vote voted voter votes rifle jail hang hung shot shoot stab tomb coffin cult pope nun nuns
sex sexy nude porn drug drugs pot meth dope high stoned trip acid coke crack weed ho hoe
fag gay lesbian queer tranny homo dyke pimp slut whore bitch ass arse butt boob boobs tit
tits nipple navel belly bra bust breast chest thigh thighs crotch groin lap hips hip loin
loins rear rump bottom behind buns booty penis dick cock prick willy balls nuts pecker
vagina pussy twat cunt clit womb uterus ovary ovaries hymen sperm semen ovum
pray prayer bible jesus christ church altar saint monk priest pastor satan devil demon hell
heaven angel soul spirit amen holy kneel
kill killed killer kills murder slay slain bury buried burial grave corpse skull bones bone
blood bleed bloody wound knife blade sword axe dagger spear arrow bow bomb bombs mine mines
ammo bullet tank tanks fort army navy troop troops soldier marine pilot
idiot moron dummy dumb stupid jerk loser fool twit nerd geek dork dope freak creep pervert
boss chief leader ruler king queen prince czar tsar emperor tyrant lord duke
red reds commie pinko rebel riot coup junta regime state party union unite united nation
liberty freedom free exit escape flee fled run runaway refugee exile border visa
press media news report reporter source sources leak leaks tip tipster radio camera
informer informant agent mole handler contact cipher code codes secret covert hidden hide
police cops cop jail prison arrest arrested custody trial judge jury court sentence fine
punish penalty death execute hanged noose gallows torture traitor treason defect defector
rat rats pig pigs tip tips tipped cell cells cellmate fine fined fines hell hellish hellfire
robber robbers robbery robbed strip stripper striptease fort forts fortress mole jew jews jewish sin
sinful sinner elect elected election electoral elector marine marines general generals demon demons
demonic cult cults cultist zen monk monks twit cop cops media flee flees fleeing fled bust busty
butt butts buttock buttocks anal meth stab stabbed stabbing ammo bullet bullets bulletproof grave

activist activists adversary alcohol babe babes bangs crusader crusaders dogma dogmas edict edicts
escort heathen heist insult insults mourner mourners pill pills rite sorcery squad squads statute statutes
serf thong thongs muff doggy coed coeds harpy troll trolls oaf oafs snob snobs joker jokers prank pranks
internet hero heroes kidney disease moan moans scream bite blow crush daddy diva lips wives hobo cad cads
mojo toddy conduct order orders terms mishap damages ordeal fangs heathen quakes

arson bazooka baton catapult cleaver hatchet lance mace detonate detonator defuse explode conscript
enslave unshackle unchain cage frisk fink squealer snooper tattle gossip rumor scoop hacker hacked
hacking encrypt decode encode passcode password alias evidence exonerate conceal desecrate defile friar
deacon parish sacrament nativity manger unblessed bless guru gurus omen evil sinister haunt zombie
obituary widow casket mournful grief impotence impotency impotent gigolo garter corset girdle grope
kissable kisser kissing flirt flirts hunk manhood shank slit slashed slashing hunter hunting huntress
huntsman drone radar scanner siren deputy ranger laptop iphone email online tweet blog zipfile video
photo trump spotter observer wiretap antivirus virus browser crypt crypts hag hags nirvana oath magic
razor shriek shrieks tears fear scar torso homage cokes bet bets
graves graveyard gravestone gravedigger court courts courtroom courthouse courtmartial
""")

EN_INFIXES = (
    "kill", "murder", "prison", "police", "arrest", "traitor", "suicid", "bomb", "weapon",
    "porn", "sex", "spy", "penis", "torture", "execution", "corpse", "jail",
)
# fmt: on


def korean_denied(word: str) -> bool:
    """Return whether a Korean candidate is denied (a denied stem anywhere, or a denied word)."""
    return word in KO_WORDS or any(stem in word for stem in KO_STEMS)


def english_denied(word: str) -> bool:
    """Return whether an English candidate is denied (word, prefix stem or infix)."""
    word = word.casefold()
    return word in EN_WORDS or word.startswith(EN_STEMS) or any(part in word for part in EN_INFIXES)
