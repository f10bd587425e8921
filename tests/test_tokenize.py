from knowledge.tokenize import (
    index_terms,
    index_terms_joined_many,
    index_terms_many,
    normalize,
    query_terms,
    query_units,
    terms_from_str,
    terms_to_str,
)


def test_content_words_normalised_and_compounds_split() -> None:
    terms = index_terms("個人番号カードの有効期限は10年です。")
    assert "個人番号カード" in terms and "番号" in terms and "カード" in terms
    assert "10年" in terms and "10" in terms
    assert "は" not in terms and "です" not in terms


def test_width_and_case_variants_give_the_same_terms() -> None:
    assert query_terms("ﾊﾟﾌﾞｺﾒ") == query_terms("パブコメ")
    assert query_terms("ＵＳＢメモリ") == query_terms("usbメモリ")
    assert query_terms("７名") == query_terms("7名")
    assert normalize("ＶＲＳ") == "vrs"
    assert "vrs" in query_terms("VRSって何の略?")


def test_verbs_by_dictionary_form_and_stopwords_dropped() -> None:
    terms = query_terms("学習スタッフはどうやって集めるのですか")
    assert "集める" in terms
    assert "為る" not in terms and "居る" not in terms


def test_many_matches_single_and_keeps_order() -> None:
    texts = ["予防接種の記録", "", "外部媒体へ保存する。" * 3000, "廃棄します"]
    many = index_terms_many(texts, workers=1)
    assert len(many) == len(texts)
    assert many[1] == []
    assert many[0] == index_terms(texts[0])
    assert many[3] == index_terms(texts[3])
    assert many[2].count("媒体") == 3000


def test_parallel_equals_serial() -> None:
    texts = [f"第{i}回 審議会で電子申込システムの委託について審議した。" for i in range(12_000)]
    assert index_terms_joined_many(texts, workers=2) == index_terms_joined_many(texts, workers=1)


def test_stored_form_round_trip() -> None:
    terms = index_terms("ワクチン接種記録システム(VRS)")
    assert terms_from_str(terms_to_str(terms)) == terms


def test_threads_tokenize_at_the_same_time() -> None:
    """The Slack app answers on several threads: a shared Sudachi tokenizer failed 393 of 400 such calls."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"第{i}回の審議会で委託先の個人情報の廃棄方法について質問がありました。" for i in range(50)]
    expected = [query_terms(t) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [list(pool.map(query_terms, texts)) for _ in range(8)]
    assert all(r == expected for r in results)


def test_letters_spaced_apart_by_a_pdf_are_one_word() -> None:
    from knowledge.tokenize import index_terms, query_terms

    terms = index_terms("市と事業者の間で、S L A をサービス提供開始日までに締結する。I D及びパスワード")
    assert "sla" in terms and "id" in terms
    assert set(query_terms("業者とのSLAはいつまでに結ぶ?")) & set(terms) >= {"sla"}
    assert "a" in index_terms("A 社に委託する")  # a single letter stays as it is


def test_words_unknown_to_the_dictionary_keep_their_own_form() -> None:
    """Sudachi gives every out-of-vocabulary word of one part of speech the same word id; the per-process word
    cache must not give the second such word the first one's form."""
    first = index_terms("スマホペイとアイウエオカキクケコ")
    second = index_terms("アイウエオカキクケコとスマホペイ")
    assert "スマホペイ".lower() in first and "アイウエオカキクケコ" in first
    assert sorted(first) == sorted(second)
    assert [u.word for u in query_units("ポチペイって何?")][:1] == ["ポチペイ".lower()]
