"""A small thesaurus for the vocabulary of personal-information-protection councils.

Each group lists words members use interchangeably (abbreviations, loan words, official terms). A question
containing one of them is also searched for the others (with a lower weight). General domain knowledge only.
"""

from __future__ import annotations

from functools import lru_cache

from knowledge.tokenize import normalize

GROUPS: tuple[tuple[str, ...], ...] = (
    ("ワクチン", "予防接種", "ワクチン接種"),
    ("パブコメ", "パブリックコメント", "パブリック・コメント", "意見公募", "意見募集", "意見聴取", "意見の聴取"),
    ("USB", "USBメモリ", "外部媒体", "外部記録媒体", "記録媒体", "電磁的記録媒体", "可搬媒体"),
    ("マイナンバー", "個人番号", "特定個人情報"),
    ("マイナンバーカード", "マイナカード", "個人番号カード"),
    ("マイナポータル", "ぴったりサービス"),
    ("委託", "外部委託", "業務委託", "委託先", "受託者", "委託業者", "外注"),
    ("再委託", "再委託先"),
    ("廃棄", "消去", "破棄", "削除", "処分", "溶解", "消す", "捨てる", "焼却", "捨て方"),
    ("期限切れ", "保存年限を過ぎた", "保存期間を過ぎた", "保存期間満了", "保存期間が満了", "期限を過ぎた", "期限が切れた"),
    ("決済", "支払", "支払い", "納付", "収納", "キャッシュレス"),
    ("漏えい", "漏洩", "流出", "情報漏れ", "情報漏えい", "漏れる"),
    ("目的外利用", "目的外提供", "外部提供", "第三者提供"),
    ("本人以外", "本人外収集", "本人以外からの収集"),
    ("電子計算機", "コンピュータ", "コンピューター", "システム"),
    ("オンライン結合", "電子計算機の結合", "外部結合", "回線結合"),
    ("諮問", "案件", "諮問事項", "議題"),
    ("答申", "結論", "審議結果"),
    ("継続審議", "継続", "次回審議", "保留", "持ち越し"),
    ("承認", "了承", "適当", "認める"),
    ("個人情報保護評価", "特定個人情報保護評価", "PIA", "評価書"),
    ("再評価", "評価の再実施", "再実施", "評価をやり直す"),
    ("指定管理", "指定管理者"),
    ("警察", "捜査機関", "捜査関係事項照会"),
    ("防犯カメラ", "監視カメラ", "街頭カメラ"),
    ("録画機", "レコーダー", "録画装置", "録画機器", "ビデオレコーダー"),
    ("防ぐ", "防止", "防御"),
    ("選ぶ", "選定", "選択", "選考"),
    ("置く", "設置", "配置", "保管"),
    ("貰う", "もらう", "受け取る", "受領", "提供を受ける", "取得"),
    ("レベル", "水準", "ティア", "Tier", "等級"),
    ("出席", "出席者", "出席委員"),
    ("傍聴", "傍聴人", "傍聴者"),
    ("非公開", "非公開情報", "不開示"),
    ("保存期間", "保存年限", "保管期間", "保存年数"),
    ("アクセス権限", "権限", "アクセス制御", "アクセス制限"),
    ("暗号化", "暗号", "パスワード"),
    ("クラウド", "外部サーバ", "データセンター", "ASP", "SaaS"),
    ("メール", "電子メール", "Eメール"),
    ("コンビニ", "コンビニエンスストア", "コンビニ交付"),
    ("手数料", "料金", "費用", "金額"),
    ("住基", "住民基本台帳", "住民票"),
    ("子ども", "子供", "児童"),
    ("障害者", "障がい者", "障碍者"),
    ("職員", "担当者", "担当職員"),
    ("事業者", "業者", "受託事業者"),
    ("ログ", "アクセスログ", "操作ログ", "履歴", "痕跡"),
    ("申請", "申込", "申し込み", "手続"),
    ("電子申請", "オンライン申請", "オンライン手続"),
    ("期限", "期間", "有効期間", "有効期限"),
    ("安い", "安価", "低い", "割安"),
    ("集める", "募集", "確保", "採用", "集まる"),
    ("調べる", "調査", "確認", "特定"),
    ("事故", "インシデント", "トラブル"),
    ("保守", "メンテナンス", "保守作業"),
    ("学校", "小学校", "中学校", "小中学校"),
    ("届出", "届け出", "届け"),
    ("生年月日", "年齢"),
    ("顔写真", "写真", "画像"),
    ("SNS", "LINE", "ソーシャルメディア"),
    ("DMZ", "非武装地帯"),
    ("届く", "送付", "送信", "送る", "配信", "通知"),
    ("終わる", "終了", "閉会", "散会"),
    ("始まる", "開始", "開会"),
    ("会場", "開催場所"),
    ("出せる", "提出", "申請", "届け出る"),
    ("スマホ", "スマートフォン", "携帯電話", "携帯端末"),
    ("持ち込む", "持込", "持ち込み", "持参"),
    ("生活保護", "被保護", "生保"),
    ("国保", "国民健康保険"),
    ("VPN", "専用回線", "閉域網", "LGWAN"),
    # casual words for the terms of minutes and 答申
    ("ヒアリング", "事情聴取", "聴取", "聞き取り", "聞取り", "聞取"),
    ("黒塗り", "非開示", "不開示", "マスキング"),
    ("コピー", "写し", "複写"),
    ("教委", "教育委員会"),
    ("申立人", "異議申立人", "審査請求人", "請求人"),
    ("持つ", "保有", "所持", "所有"),
    ("休む", "欠席"),
    ("手渡す", "授受", "手交"),
    ("見直す", "見直し", "再評価"),
    ("戻る", "戻す", "返却", "返還", "還付"),
    ("決める", "決定"),
    ("伏せる", "非開示", "黒塗り"),
    ("渡す", "提供", "交付", "引き渡す"),
    ("頼む", "依頼"),
    ("HDD", "ハードディスク", "記憶媒体", "記憶装置"),
    ("盗難", "紛失", "盗まれる", "盗難・紛失"),
    ("ミス", "誤り", "間違い", "誤送付", "誤封入", "誤送信"),
    ("壊す", "破壊", "物理破壊", "物理的に破壊"),
    # everyday words for the official words of minutes and 答申 (医者 -> 医師, 書く -> 記載)
    ("医者", "医師"),
    ("病院", "医療機関", "診療所"),
    ("病気", "疾患", "疾病"),
    ("書く", "記載", "記入"),
    ("見せる", "示す", "提示", "閲覧", "開示"),
    ("作る", "作成"),
    ("直す", "訂正", "修正"),
    ("試験", "選考", "考査"),
    ("点数", "得点"),
    ("名前", "氏名"),
    ("一覧", "一覧表", "リスト", "名簿"),
    ("決まり", "規則", "規程", "要綱"),
    ("問い合わせ", "照会"),
    ("配る", "配布", "配付"),
    ("貸す", "貸与", "貸し出す"),
    ("先生", "教員", "教諭", "教職員"),
    ("親", "保護者"),
    ("税金", "税", "市税", "租税"),
    ("隠す", "非開示", "不開示", "伏せる"),
    ("罰則", "罰金", "懲役", "罰"),
    ("裁判", "訴訟", "提訴"),
    ("判決", "判例", "裁判例"),
    ("延ばす", "延長"),
    ("言い訳", "弁明", "釈明"),
)


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, ...]]:
    """Normalised variant -> the other variants of its groups (normalised)."""
    out: dict[str, list[str]] = {}
    for group in GROUPS:
        norm = [normalize(w) for w in group]
        for w in norm:
            out.setdefault(w, []).extend(o for o in norm if o != w and o not in out.get(w, []))
    return {k: tuple(v) for k, v in out.items()}


def variants_in(question: str) -> list[tuple[str, tuple[str, ...]]]:
    """The thesaurus words found in ``question`` (normalised), longest first, each with its alternatives.

    A word inside a longer word already found (USB inside USBメモリ) is skipped.
    """
    q = normalize(question)
    index = _index()
    found: list[tuple[str, tuple[str, ...]]] = []
    taken: list[tuple[int, int]] = []
    for word in sorted(index, key=len, reverse=True):
        start = q.find(word)
        while start >= 0:
            end = start + len(word)
            if not any(a <= start and end <= b for a, b in taken):
                taken.append((start, end))
                found.append((word, index[word]))
                break
            start = q.find(word, start + 1)
    return found


def alternatives(word: str) -> tuple[str, ...]:
    """The other words of the groups ``word`` belongs to (normalised), or ()."""
    return _index().get(normalize(word), ())


def thesaurus_words() -> frozenset[str]:
    """Every word of the thesaurus (normalised)."""
    return frozenset(_index())
