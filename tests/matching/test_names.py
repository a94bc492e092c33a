"""Normalisation families on real list names (originals from the UK and UN files)."""

from __future__ import annotations

import pytest

from uavscreen.matching import compare
from uavscreen.names.keys import arabic_skeleton, phonetic_key, skeleton_key, undoubled
from uavscreen.names.legal_forms import split_legal_forms
from uavscreen.names.prepare import prepare_name
from uavscreen.names.script import detect_script
from uavscreen.names.translit import ascii_tokens


@pytest.mark.parametrize(("text", "script"), [
    ("ПЬЯНОВ Дмитрий Васильевич", "Cyrillic"),
    ("عبد الله يحيى الحاكم", "Arabic"),
    ("شرکت صنایع هوایی قدس", "Arabic"),
    ("沈忠國際海運有限公司", "Han"),
    ("Qods Aviation Industries", "Latin"),
    ("Çukurova Şirketi", "Latin"),
])
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


def test_cyrillic_bgn_transliteration() -> None:
    # UK ConList non-Latin name of OFAC's "Dmitrii Vasilyevich PYANOV"
    assert ascii_tokens("ПЬЯНОВ Дмитрий Васильевич") == ("pyanov", "dmitriy", "vasilyevich")
    # Ukrainian letters switch to the Ukrainian BGN table
    assert ascii_tokens("Олександр Іванович") == ("oleksandr", "ivanovych")


def test_cyrillic_spellings_share_keys() -> None:
    for a, b in [("dmitriy", "dmitrii"), ("dmitrii", "dmitry"), ("vasilyevich", "vasilyevich"),
                 ("yevgeniy", "evgenii"), ("khabarov", "habarov")]:
        assert phonetic_key(a) == phonetic_key(b), (a, b)


def test_undoubled_writes_each_run_of_a_letter_once() -> None:
    assert undoubled("mohammad") == "mohamad"
    assert undoubled("aaa-bbb cc") == "a-b c"
    assert undoubled("sahhaf") == "sahaf" and undoubled("") == "" and undoubled("x") == "x"
    # the keys fold doubled letters after the letter folds: ZZ and SS, TTS and TZ agree
    assert phonetic_key("mussa") == phonetic_key("musa") == phonetic_key("muzza")


def test_given_name_families() -> None:
    assert len({phonetic_key(v) for v in ("mohammad", "muhammad", "mohamed", "mohammed", "mochammad")}) == 1
    assert len({phonetic_key(v) for v in ("hossein", "husayn", "hussein")}) == 1
    assert phonetic_key("hossein") != phonetic_key("hassan")
    for family in [("aisha", "ayesha", "aicha"), ("rahman", "rehman"), ("qasim", "ghasem", "kassem"),
                   ("majid", "meguid"), ("muhsin", "mohsen"), ("amr", "amrou"), ("luqman", "loqman", "luqmaan"),
                   ("zayd", "zaid"), ("mukhtar", "mokhtar", "mochtar"), ("tariq", "tarek"), ("bashir", "bachir"),
                   ("yaqub", "yaghoub", "yacoub")]:
        assert len({phonetic_key(v) for v in family}) == 1, family


def test_arabic_and_persian_skeletons_meet_latin() -> None:
    # UN/UK original script vs OFAC romanisation of the same parties
    assert arabic_skeleton("محمد") == skeleton_key("mohammad") == "mhmd"
    assert arabic_skeleton("رضا") == skeleton_key("reza")          # ض read as z in Persian
    assert arabic_skeleton("حاكم") == skeleton_key("hakim")
    assert arabic_skeleton("قدس") == skeleton_key("qods") == skeleton_key("ghods")
    p = prepare_name("عبد الله يحيى الحاكم", "Person")
    assert p.skel[-1] == "hkm"                                    # article split off


def test_chinese_pinyin() -> None:
    assert "".join(ascii_tokens("沈忠國際海運有限公司")).startswith("shenzhongguoji")


@pytest.mark.parametrize(("name", "core"), [
    ("LLC START AERO", ("start", "aero")),
    ("Limited Liability Company Start Aero", ("start", "aero")),
    ("OOO Start Aero", ("start", "aero")),
    ("Kimia Part Sivan Company LLC", ("kimia", "part", "sivan")),
    ("ABC Elektronik San. ve Tic. Ltd. Şti.", ("abc", "elektronik")),
    ("Shenzhen Foo Electronics Co., Ltd.", ("shenzhen", "foo", "electronics")),
    ("Foo Trading FZE", ("foo", "trading")),
    ("Sherkat Sanaye Havapeyma", ("sanaye", "havapeyma")),
    ("PUBLIC JSC PIPE METALLURGICAL COMPANY", ("pipe", "metallurgical")),
    ("TAGHTIRAN P.J.S KASHAN", ("taghtiran", "kashan")),
    # misspelt forms: inside a phrase with one exact word, or a long form word ending the name
    ("JINT STOCK COMPANY MEKHANIKA", ("mekhanika",)),
    ("ADMINCHECK LIMIYE", ("admincheck",)),
    # romanisations of one form that differ word by word, spelt-out state forms
    ("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU GAS", ("gas",)),
    ("Федеральное государственное унитарное предприятие Всероссийский институт автоматики",
     ("vserossiyskiy", "institut", "avtomatiki")),
    ("Державне підприємство Антонов", ("antonov",)),
    ("CONSTRUCTORA VANIA, S.A. DE C.V.", ("constructora", "vania")),
    # Russian designations used like legal forms (НПП, ФНПЦ)
    ("AO НПП ТОПАЗ", ("topaz",)),
    ("CLOSED JOINT-STOCK COMPANY SCIENTIFIC PRODUCTION ENTERPRISE TOPAZ", ("topaz",)),
    ("JSC FNPC TITAN-BARRICADES", ("titan", "barricades")),
    # a plural is a word of the name, not a misspelt form (GUARD CORPS is not CORP)
    ("ISLAMIC REVOLUTIONARY GUARD CORPS", ("islamic", "revolutionary", "guard", "corps")),
])
def test_legal_forms_removed(name: str, core: tuple[str, ...]) -> None:
    assert prepare_name(name, "Company").tokens == core


@pytest.mark.parametrize(("name", "core"), [
    ("JINT VENTURES", ("jint", "ventures")),       # no exact form word beside it
    ("PFLP GENERAL COMMAND", ("pflp", "general", "command")),  # two letters changed: another word
    ("LIMIYE TRADING", ("limiye", "trading")),     # not the last word
    ("ALPHA LIMA", ("alpha", "lima")),             # too short to be a misspelt "limited"
])
def test_a_loosely_misspelt_form_word_alone_stays_a_name(name: str, core: tuple[str, ...]) -> None:
    assert prepare_name(name, "Company").tokens == core


def test_name_that_is_only_a_legal_form_is_kept() -> None:
    assert split_legal_forms(("limited",)) == (("limited",), ())


def test_dotted_abbreviation_is_one_token() -> None:
    assert prepare_name("U.S. Bancorp", "Company").tokens == ("us", "bancorp")


@pytest.mark.parametrize(("name", "tokens"), [("FUTURE BANKB.S.C.", ("future", "bank", "bsc")),
                                              ("FUTURE BANK B.S.C.", ("future", "bank", "bsc")),
                                              ("BANKB.S.C. FUTURE", ("bank", "bsc", "future"))])
def test_a_dotted_abbreviation_glued_to_the_word_before_is_split_off(name: str, tokens: tuple[str, ...]) -> None:
    """A missing space glues a dotted legal form to the name (FUTURE BANKB.S.C.); the
    dotted run is taken off the word it ends, so the name keeps its own word BANK."""
    assert prepare_name(name, "Company").tokens == tokens


@pytest.mark.parametrize("name", ["Abd al-Rahman", "Abdul Rahman", "Abdulrahman", "Abdel-Rahman",
                                  "Abdurrahman", "عبد الرحمن", "عبدالرحمن"])
def test_abd_compounds_become_the_same_two_tokens(name: str) -> None:
    """"Servant of" + a name of God, however a list writes it, is "abd" + the name."""
    assert prepare_name(name, "Person").phon[0] == "abd"
    assert prepare_name(name, "Person").skel[1] == "rhmn"


@pytest.mark.parametrize("name", ["Abdullah", "Abdillah", "Abdoulaye", "Abdullayev"])
def test_names_that_only_begin_like_abd_stay_one_word(name: str) -> None:
    assert len(prepare_name(name, "Person").tokens) == 1


def test_x_reads_as_ks() -> None:
    assert phonetic_key("alexander") == phonetic_key("aleksandr")
    assert phonetic_key("maxim") == phonetic_key("maksim")
    assert phonetic_key("rexon") != phonetic_key("recon")


def test_latin_lookalikes_inside_a_cyrillic_word_read_as_cyrillic() -> None:
    # "Cергій" typed with a Latin C, as copied documents often have it
    assert ascii_tokens("Cергій Валерійович АКСЬОНОВ") == ascii_tokens("Сергій Валерійович АКСЬОНОВ")


def test_words_in_a_minority_script_are_romanised_not_dropped() -> None:
    assert ascii_tokens("ООО Mega Trading") == ("ooo", "mega", "trading")


def test_arabic_name_particles_read_as_the_lists_write_them() -> None:
    assert prepare_name("أبو بكر البغدادي", "Person").tokens[0] == "abu"
    assert prepare_name("سيف الله بن عمر", "Person").tokens == ("syf", "allah", "bin", "mr")  # عمر is not "Mr"


def test_a_person_listed_surname_first_reads_given_names_first() -> None:
    """OFAC and OFSI write "SURNAME, Given Names"; the UN writes the same person given
    names first.  Both read in one order, so an Abd-compound the comma splits is whole."""
    assert prepare_name("BAKI, Abdul", "Person").tokens == prepare_name("Abdul BAKI", "Person").tokens
    assert prepare_name("AL-TIKRITI, Hamid Raja", "Person").tokens == ("hamid", "raja", "tikriti")
    # organisations keep their order ("VTB BANK, PJSC"), and so do names with two commas
    assert prepare_name("KOREA, DAESONG BANK", "Company").tokens == ("korea", "daesong", "bank")
    assert prepare_name("A, B, C", "Person").tokens == ("a", "b", "c")


@pytest.mark.parametrize(("token", "stem"), [
    ("moskovskiy", "moskov"), ("moskovskii", "moskov"), ("moskovsky", "moskov"),
    ("industrialnyy", "industrial"), ("industrialny", "industrial"), ("uralskiy", "ural"),
    ("arkticheskiy", "arktich"), ("neftegazovyy", "neftegaz"),
    ("company", None), ("germany", None), ("industry", None), ("ivanov", None), ("sky", None),
])
def test_slavic_adjective_stems(token: str, stem: str | None) -> None:
    from uavscreen.names.keys import slavic_adjective_stem

    assert slavic_adjective_stem(token) == stem


def test_ta_marbuta_reads_at_before_the_noun_it_is_joined_to() -> None:
    """جبهة النصرة is Jabhat al-Nusrah: "-at" in the compound, "-a(h)" at the end, after
    the word's own article, and always in persons' names (ساجدة, Sajida)."""
    ours = prepare_name("جبهة النصرة", "Organization")
    assert ours.skel == prepare_name("JABHAT AL-NUSRAH", "Organization").skel == ("jbht", "nsr")
    assert prepare_name("الجماعة الإسلامية", "Organization").tokens[0] == "jmaa"
    assert prepare_name("ساجدة خير الله طلفاح", "Person").tokens[0] == "sajda"


def test_urdu_letters_and_persian_suffixes_read_as_the_lists_write_them() -> None:
    """اللہ (Urdu final heh) is الله; a Persian suffix written apart (ارلنی زاده) or
    after a zero-width non-joiner is one word with its surname, as in Latin letters."""
    assert prepare_name("ثناء اللہ غفاری", "Person").tokens == prepare_name("ثناء الله غفاری", "Person").tokens
    assert prepare_name("ثناء الله", "Person").tokens[-1] == "allah"
    assert len(prepare_name("ولی ارلنی زاده", "Person").tokens) == 2
    assert prepare_name("محمدی\u200cنژاد", "Person").tokens == prepare_name("محمدینژاد", "Person").tokens


def test_allah_glued_to_a_name_in_arabic_script_reads_as_two_words() -> None:
    """خيرالله (UN TAi.093, KHAIRULLAH) as خير الله, the form the scorer joins as the lists
    write it; Abdallah stays one word, as the lists write it."""
    assert prepare_name("خيرالله خيرخواه", "Person").tokens == prepare_name("خير الله خيرخواه", "Person").tokens
    assert prepare_name("روح\u200cالله", "Person").tokens == prepare_name("روح الله", "Person").tokens
    assert prepare_name("عبدالله", "Person").tokens == ("abdallah",)


def test_bgn_middle_dot_does_not_split_a_cyrillic_word() -> None:
    """BGN/PCGN writes ТС as "t·s" (Детский → Det·skiy); the lists write one word."""
    assert ascii_tokens("Детский Мир") == ("detskiy", "mir")
    name = prepare_name("ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"МОРСКОЙ ТРАНСПОРТ\"", "Company")
    assert name.tokens == ("morskoy", "transport")


def test_generic_russian_words_of_an_organisation_are_also_read_in_english() -> None:
    from uavscreen.names.org_words import english_words
    from uavscreen.names.prepare import prepare_query

    assert english_words("gosudarstvennoye") == english_words("gosudarstvennogo") == ("state",)
    assert english_words("nauchno") == ("scientific",)
    assert english_words("tsargrad") is None and english_words("apple") is None
    readings = prepare_query('ООО "СОВРЕМЕННЫЙ МОРСКОЙ АРКТИЧЕСКИЙ ТРАНСПОРТ СПГ"', "Company")
    assert [r.tokens for r in readings] == [("sovremennyy", "morskoy", "arkticheskiy", "transport", "spg"),
                                            ("modern", "marine", "arctic", "transport", "spg")]
    # a person's name is never translated (Novikov, Zavodov)
    assert len(prepare_query("Сергей Заводов", "Person")) == 1


@pytest.mark.parametrize(("token", "bare"), [
    ("alhakim", "hakim"), ("elkaddafi", "kaddafi"), ("alghamdi", "ghamdi"),
    ("alexander", None), ("elena", None), ("almaz", None), ("hakim", None),
])
def test_a_joined_arabic_article_comes_off(token: str, bare: str | None) -> None:
    from uavscreen.names.keys import without_glued_article

    assert without_glued_article(token) == bare


@pytest.mark.parametrize(("name", "core"), [
    ("HARAKAT UL-MUJAHIDIN / HUM", ("harakat", "mujahidin")),
    ("HAY'AT TAHRIR AL-SHAM HTS", ("hayat", "tahrir", "sham")),
    ("IRGC ISLAMIC REVOLUTIONARY GUARD CORPS", ("islamic", "revolutionary", "guard", "corps")),
    ("YAZD METALLURGY INDUSTRIES (YMI) Ltd", ("yazd", "metallurgy", "industries")),
    # not an acronym of the rest: a name's own word
    ("KHATAM AL-ANBIYA CONSTRUCTION HEADQUARTERS KAA", ("khatam", "anbiya", "construction", "headquarters", "kaa")),
    ("ABC TRADING", ("abc", "trading")),
])
def test_an_organisation_s_own_acronym_beside_its_name_is_left_out(name: str, core: tuple[str, ...]) -> None:
    assert prepare_name(name, "Organization").tokens == core


def test_arabic_script_honorifics_are_dropped_like_latin_ones() -> None:
    assert prepare_name("حاجی بصیر", "Person").tokens == prepare_name("بصیر", "Person").tokens
    assert prepare_name("الشيخ عمر", "Person").tokens == prepare_name("عمر", "Person").tokens
    # Arabic letters (ي, not Persian ی) and the short form حاج
    assert prepare_name("حاج قاسم", "Person").tokens == prepare_name("قاسم", "Person").tokens
    assert prepare_name("شيخ حسن", "Person").tokens == prepare_name("حسن", "Person").tokens


def test_a_slip_in_a_long_honorific_leaves_it_an_honorific() -> None:
    """HAHJJI and SHEIKKH are still Hajji and Sheikh (dropped: TAYSIR, Hajji is listed as
    TAYSIR); Hadi and Naji, one letter from Haji, are names and stay."""
    assert prepare_name("Hahjji TAYSIR", "Person").tokens == prepare_name("TAYSIR, Hajji", "Person").tokens
    assert prepare_name("SHEIKKH Abdullah", "Person").tokens == ("abdullah",)
    assert prepare_name("Hadi Naji", "Person").tokens == ("hadi", "naji")


def test_own_acronym_check_is_linear_on_hostile_names() -> None:
    """Hundreds of optional words before a would-be acronym: the check reads each word
    once (a search trying each word used or skipped would never end here)."""
    from uavscreen.names.prepare import _spells

    assert _spells("aaaaaa", ["al"] * 300) is True
    assert _spells("aaaaab", ["al"] * 300) is False
    assert prepare_name(" ".join(["AL"] * 300) + " AAAAAA", "Organization").tokens


def test_legal_forms_are_found_the_same_whatever_the_hash_seed() -> None:
    """A misspelt form word equally near two table words (OGRANICHENNOJ: ogranichennoi,
    ogranichennoy) must resolve the same way in every process: the index, and so every
    score, once differed between builds with Python's per-process string hashing."""
    import os
    import subprocess
    import sys

    names = ["OBSHESTVO S OGRANICHENNOJ OTVETSTVENNOSTYU NIPIGAZ IT",
             "DOCHERNEE OTKRYTOE AKTSIONERNOE OBSHCHESTVO GAZMASH OTKRYTOGO AKTSIONERNOGO OBSHCHESTVA GAZPROM"]
    code = ("import sys; from uavscreen.names.prepare import prepare_name; "
            "print([prepare_name(n, 'Company').tokens for n in sys.argv[1:]])")
    outputs = {subprocess.run([sys.executable, "-c", code, *names], check=True, capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3", "4")}
    assert len(outputs) == 1, outputs


@pytest.mark.parametrize(("hangul", "style", "latin"), [
    # the UK list's Hangul originals and its own spellings of them
    ("노광철", "mr", "no kwang chol"),      # NO KWANG CHOL: the given name starts a word
    ("김영복", "mr", "kim yong bok"),       # KIM YONG BOK: ㅂ voiced inside the given name
    ("리송진", "mr", "ri song jin"),        # RI SONG JIN
    ("신금철", "rr", "shin geum cheol"),    # SHIN GEUM CHEOL: Revised Romanization, passport surname
    ("리창호", "rr", "lee chang ho"),       # LEE CHANG HO
    # OFAC's spellings of names the lists hold in Latin letters only
    ("김정은", "dprk", "kim jong un"),      # KIM, Jong Un: the North writes ㅈ as J
    ("김정은", "mr", "kim chong un"),
    ("최룡해", "mr", "choe ryong hae"),     # CHOE, Ryong Hae
    ("리병철", "mr", "ri pyong chol"),      # RI, Pyong Chol
    ("남궁민수", "mr", "nam gung min su"),  # a two-syllable family name
])
def test_korean_names_are_romanised_the_ways_the_lists_spell_them(hangul: str, style: str, latin: str) -> None:
    from uavscreen.names.korean import romanise

    assert romanise(hangul, style, person=True) == latin


def test_a_korean_name_is_read_in_every_romanisation() -> None:
    """The query's readings: McCune–Reischauer, the North's spelling, the Revised
    Romanization; each syllable a word (ICU glued them: gim-yeongbog)."""
    from uavscreen.names.prepare import prepare_query

    readings = {r.tokens for r in prepare_query("김정은", "Person")}
    assert readings == {("kim", "chong", "un"), ("kim", "jong", "un"), ("kim", "jeong", "eun")}
    assert ascii_tokens("조선광선은행") == ("cho", "son", "gwang", "son", "un", "haeng")


def test_the_hard_sign_does_not_split_a_word() -> None:
    """BGN/PCGN writes ъ as a double prime (ОБЪЕДИНЕНИЕ → obʺyedineniye) that Latin-ASCII
    made a quotation mark: the word of every Russian "scientific and production
    association" fell in two.  Quotation marks of the name itself still separate words."""
    assert ascii_tokens("НАУЧНО-ПРОИЗВОДСТВЕННОЕ ОБЪЕДИНЕНИЕ") == ("nauchno", "proizvodstvennoye", "obyedineniye")
    assert ascii_tokens("ООО”РОМАШКА”") == ("ooo", "romashka")


@pytest.mark.parametrize(("name", "tokens"), [
    # the UK list's own-script names: Belarusian without ў, Serbian, Kazakh
    ("Дзмітрый", ("dzmitryy",)),                     # і beside ы: Belarusian, not Ukrainian
    ("Андрэй Сяргеевіч ПАЛЬЧЫК", ("andrey", "syarhyeyevich", "palchyk")),
    ("Жељка Цвијановић", ("zeljka", "cvijanovic")),  # Serbian: its own Latin alphabet
    ("Милан Радоичић", ("milan", "radoicic")),
    ("Әлинә Кабаева", ("alina", "kabaeva")),          # Kazakh
    ("Ѓорѓе Ќосев", ("gorge", "kosev")),              # Macedonian
])
def test_each_cyrillic_alphabet_is_read_by_its_own_table(name: str, tokens: tuple[str, ...]) -> None:
    """The Russian or Ukrainian table has no ы, э, љ, ћ or ә: the letter was dropped and
    the word cut (ДЗМІТРЫЙ read "dzmitr", ЦВИЈАНОВИЋ "tsvi anovi")."""
    assert ascii_tokens(name) == tokens


def test_letters_in_their_presentation_forms_are_read_as_the_letters() -> None:
    """Text taken from a PDF holds Arabic letters in their joined shapes: their
    consonant skeleton was empty.  Ligatures are spelt out."""
    from uavscreen.names.prepare import prepare_name

    assert prepare_name("ﻫﺎﻟﺔ ﺳﺮﺣﺎﻥ", "Person").skel == prepare_name("هالة سرحان", "Person").skel == ("hl", "srhn")
    assert prepare_name("عبد ﷲ", "Person").tokens == prepare_name("عبد الله", "Person").tokens


@pytest.mark.parametrize(("glued", "apart"), [
    ("Matiur Rehman", "Mati ur-Rehman"),              # UN QDi: both spellings of one name
    ("KHALIL, Fazlur Rehman", "KHALIL, Fazl-ur Rehman"),  # OFAC aliases
    ("Ziaul HAQ", "Zia ul HAQ"),
    ("Salahud Din AYUBI", "Salah ud Din AYUBI"),
])
def test_the_article_glued_to_the_name_before_a_bound_name_is_left_out(glued: str, apart: str) -> None:
    """South Asian spellings glue the article to the first name (MATIUR REHMAN, ZIAUL
    HAQ), lists also write it apart (MATI UR-REHMAN), where it is left out: the first name
    reads the same either way.  A name that merely ends so (SAUL) keeps its letters."""
    assert prepare_name(glued, "Person").tokens == prepare_name(apart, "Person").tokens
    assert prepare_name("Saul HAQ", "Person").tokens == ("saul", "haq")


def test_abdo_is_abd_as_abdou_and_abdu_are() -> None:
    """Egyptian and Yemeni names write Abd as ABDO (OFSI: Muhammad Jamal Abdo AL KASHEF,
    OFAC: AL-KASHIF, Muhammad Jamal 'Abd-al Rahim Ahmad), as ABDOU and ABDU."""
    assert prepare_name("Abdo Rahim", "Person").tokens == prepare_name("'Abd-al Rahim", "Person").tokens
    assert compare({"schema": "Person", "properties": {"name": ["Muhammad Jamal Abdo AL KASHEF"]}},
                   {"schema": "Person", "properties": {"name": ["AL-KASHIF, Muhammad Jamal 'Abd-al Rahim Ahmad"]}})[1]


@pytest.mark.parametrize("slip", ["Abdnl", "Abdlu", "Abdyl", "Abdek"])
def test_abdul_with_one_slip_is_still_abd(slip: str) -> None:
    """Abdul is the commonest word of listed Arabic names: one slip in it (UN TAi.033 Abdul
    Rehman Zahid typed "Abdnl") must not make it a word of its own."""
    from uavscreen.names.prepare import prepare_name

    assert prepare_name(f"{slip} Rehman ZAHID", "Person").tokens == prepare_name("Abdul Rehman ZAHID", "Person").tokens


@pytest.mark.parametrize(("written", "name"), [
    ("ISLAMIC REVOLU\u00adTIONARY GUARD CORPS", "ISLAMIC REVOLUTIONARY GUARD CORPS"),  # soft hyphen (PDF)
    ("\ufeffQODS AVIATION INDUSTRIES", "QODS AVIATION INDUSTRIES"),                    # byte-order mark
    ("KHATAM AL-ANBI\u2060YA", "KHATAM AL-ANBIYA"),                                  # word joiner
])
def test_invisible_characters_inside_a_word_do_not_split_it(written: str, name: str) -> None:
    """A soft hyphen kept from a hyphenated document, a word joiner or a byte-order mark is
    not a word break: REVOLU\u00adTIONARY was read as two words."""
    from uavscreen.names.prepare import prepare_name

    assert prepare_name(written, "Organization").tokens == prepare_name(name, "Organization").tokens


def test_latin_ch_and_arabic_script_sh_and_che_share_a_consonant_class() -> None:
    """French spellings of Maghrebi names write ش as ch, Pashto and Urdu ones چ."""
    from uavscreen.names.keys import arabic_skeleton, skeleton_key

    assert skeleton_key("chouman") == arabic_skeleton("شومان")
    assert skeleton_key("achekzai") == arabic_skeleton("اچکزی")
    assert skeleton_key("chaudry") == arabic_skeleton("چوہدری")


def test_a_russian_company_word_is_a_legal_form_in_either_reading() -> None:
    """компания is "company": the translated reading took it off as a legal form, the
    romanised one kept it as a word the listed name has not (TOPLIVO BUNKERING COMPANY)."""
    from uavscreen.names.prepare import prepare_query

    first = prepare_query("Топливо-бункерная компания", "Company")[0]
    assert first.tokens == ("toplivo", "bunkernaya") and first.forms == ("kompaniya",)


@pytest.mark.parametrize(("ye", "e"), [("yevraz", "evraz"), ("yermakov", "ermakov"), ("yegorov", "egorov"),
                                      ("yezubov", "ezubov")])
def test_a_russian_initial_ye_and_e_share_a_key(ye: str, e: str) -> None:
    """BGN writes Е in front as Ye (YERMAKOV), many lists and documents as E (ERMAKOV)."""
    from uavscreen.names.keys import phonetic_key

    assert phonetic_key(ye) == phonetic_key(e)
    assert phonetic_key("yeah") != phonetic_key("eah")  # (a vowel after: not the Russian Е)


@pytest.mark.parametrize(("a", "b"), [
    ("ryhorovich", "grigoryevich"),        # Belarusian / Russian (LUKASHENKA's)
    ("oleksandrovych", "aleksandrovich"),  # Ukrainian / Russian
    ("siarheevich", "sergeyevich"),
    ("vasileuna", "vasilyevna"),           # feminine
])
def test_one_patronymic_in_two_languages_has_one_family(a: str, b: str) -> None:
    from uavscreen.names.keys import patronymic_family

    fa, fb = patronymic_family(a), patronymic_family(b)
    assert fa is not None and fb is not None and fa[0] == fb[0] and fa[1] & fb[1]


def test_a_patronymic_is_not_read_into_a_surname_or_the_other_gender() -> None:
    from uavscreen.names.keys import patronymic_family

    assert patronymic_family("abramovich") is None      # a surname on no listed given name
    assert patronymic_family("sergeyevna")[0] != patronymic_family("sergeyevich")[0]  # type: ignore[index]


@pytest.mark.parametrize(("token", "parts"), [
    ("abdulhai", ("abd", "hai")),        # not abdu + lhai (the UK's ABDULHAI SALEK)
    ("abdurashid", ("abd", "rashid")),   # the article left out: not abdur + ashid
    ("abdurrahman", ("abd", "rahman")),  # assimilated to the r
    ("abderazak", ("abd", "razak")),
    ("abdussalam", ("abd", "salam")),    # assimilated and doubled
    ("abdulov", ("abdulov",)),           # a surname
])
def test_a_latin_abd_compound_splits_where_the_article_is(token: str, parts: tuple[str, ...]) -> None:
    from uavscreen.names.prepare import prepare_name

    assert prepare_name(token, "Person").tokens == parts


def test_a_cyrillic_letter_no_table_knows_is_romanised_not_dropped() -> None:
    from uavscreen.names.translit import transliterate

    assert transliterate("Тешић", "CyrillicRu").isascii()
    assert ascii_tokens("ПРЫГАРА") == ("prygara",)  # (Russian table; ы is Russian)


def test_a_name_in_another_cyrillic_alphabet_is_also_read_the_russian_way() -> None:
    from uavscreen.names.prepare import prepare_query

    readings = {r.tokens for r in prepare_query("Жељка Цвијановић", "Person")}
    assert readings == {("zeljka", "cvijanovic"), ("zhelka", "tsviyanovich")}
    readings = {r.tokens for r in prepare_query("Қасым-Жомарт Тоқаев", "Person")}
    assert ("kasym", "zhomart", "tokayev") in readings
    # a Latin i typed into a Belarusian word (Дзмiтрый): still read both ways
    assert len(prepare_query("Вадзiм Сяргеевiч ПРЫГАРА", "Person")) == 2


@pytest.mark.parametrize(("adjective", "town"), [("izhevskiye", "izhevsk"), ("novosibirskogo", "novosibirsk"),
                                                  ("industrialnyy", None)])
def test_a_russian_adjective_in_sk_gives_the_town_it_is_formed_on(adjective: str, town: str | None) -> None:
    from uavscreen.names.keys import slavic_adjective_town

    assert slavic_adjective_town(adjective) == town


def test_a_field_of_several_names_is_split_only_at_alias_markers() -> None:
    from uavscreen.names.prepare import prepare_query

    readings = {r.tokens for r in prepare_query("MAHAN AIR A.K.A. MAHAN AIRLINES", "Company")}
    assert {("mahan", "air"), ("mahan", "airlines")} <= readings
    assert [r.tokens for r in prepare_query("AKA BANK", "Company")] == [("aka", "bank")]  # a name, not a marker


def test_a_patronymic_with_a_slip_in_its_given_name_is_still_read() -> None:
    """GROGORIEVICH is formed on Grigoriy with a slip; a short given name is not guessed
    at (one slip from several), and a real name is never replaced by a near one."""
    from uavscreen.names.keys import patronymic_family

    assert patronymic_family("grogorievich") == patronymic_family("grigorievich") == ("m", frozenset({"grigoriy"}))
    assert patronymic_family("vladmirovich") == ("m", frozenset({"vladimir"}))
    assert patronymic_family("sergeyevna") != patronymic_family("sergeyevich")
