#!/bin/sh
# Writes the test mail corpus: a Maildir (cur/ new/ tmp/) and an mbox. Bodies in legacy charsets
# are encoded with iconv here, so the files on disk are real encoded mail, not UTF-8 stand-ins.
# Run from this directory: sh make-fixtures.sh
set -eu
cd "$(dirname "$0")"
rm -rf Maildir sample.mbox
mkdir -p Maildir/cur Maildir/new Maildir/tmp

enc() { printf '%s' "$2" | iconv -f UTF-8 -t "$1"; }            # text in charset $1
b64() { printf '%s' "$2" | iconv -f UTF-8 -t "$1" | base64 -w0; } # base64 of text in charset $1
crlf() { sed 's/$/\r/'; }

# 1. Amazon.de relay: UTF-8 quoted-printable, encoded subject, Content-Language, order id.
cat > Maildir/new/1700000001.M1P1.kefu <<'EOF'
Return-Path: <a1b2c3d4e5@marketplace.amazon.de>
From: "Anna =?UTF-8?Q?M=C3=BCller?= - Amazon Marketplace" <a1b2c3d4e5@marketplace.amazon.de>
To: Shop Team <shop@seller.example>
Subject: =?UTF-8?Q?Frage_zur_Bestellung_302-1234567-7654321_=E2=80=93_wo_ist_me?=
 =?UTF-8?Q?in_Paket=3F?=
Date: Mon, 23 Nov 2026 08:15:00 +0100
Message-ID: <amz-0001@marketplace.amazon.de>
Content-Language: de-DE
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Hallo, ich habe vor zwei Wochen bestellt und das Paket ist noch nicht da. K=
=C3=B6nnen Sie mir bitte die Sendungsnummer schicken? Gr=C3=BC=C3=9Fe, Anna=
 M=C3=BCller
EOF

# 2. eBay UK relay: ISO-8859-1 label carrying Windows-1252 quotes, 12-digit item number.
{ printf 'From: jane_buyer <jane_buyer@members.ebay.co.uk>\nTo: shop@seller.example\n'
  printf 'Subject: Question about item 284512345678\nDate: Tue, 24 Nov 2026 10:00:00 +0000\n'
  printf 'Message-ID: <ebay-0002@members.ebay.co.uk>\nMIME-Version: 1.0\n'
  printf 'Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n'
  printf 'I paid =A312.50 for item 284512345678 =96 it says =93dispatched=94 but nothing came.\n'
} | crlf > "Maildir/cur/1700000002.M2P1.kefu:2,S"

# 3. Encoded words: a UTF-8 character (世) split over two B words, Q in ISO-8859-1, GB2312 in the
#    same header, a comma inside a quoted display name, a group, and Cc given twice.
cat > "Maildir/cur/1700000003.M3P1.kefu:2,S" <<EOF
From: =?ISO-8859-1?Q?Fran=E7ois_Dupont?= <francois@client.example>
To: Support: "Smith, John" <john@seller.example>, =?UTF-8?B?5bCP5piO?= <xiaoming@seller.example>;
Cc: a@seller.example
Cc: b@seller.example
Subject: =?UTF-8?B?5L2g5aW9?= =?UTF-8?B?5Lg=?=
 =?UTF-8?B?lueVjA==?= - =?ISO-8859-1?Q?r=E9clamation?= =?GB2312?B?$(b64 GB2312 订单)?=
Date: Wed, 25 Nov 2026 12:00:00 +0000
Message-ID: <words-0003@client.example>
Content-Type: text/plain

Bonjour.
EOF

# 4. GB2312 label, base64 body, with a character only GBK/GB18030 have (喆).
cat > "Maildir/cur/1700000004.M4P1.kefu:2,S" <<EOF
From: =?GB2312?B?$(b64 GB2312 王先生)?= <wang@client.cn>
To: shop@seller.example
Subject: =?GB2312?B?$(b64 GB2312 请问我的包裹到哪里了)?=
Date: Thu, 26 Nov 2026 09:00:00 +0800
Message-ID: <gb-0004@client.cn>
MIME-Version: 1.0
Content-Type: text/plain; charset="gb2312"
Content-Transfer-Encoding: base64

$(printf '%s' '您好，我是王喆，订单还没有收到，请帮忙查一下物流。' | iconv -f UTF-8 -t GB18030 | base64 -w 60)
EOF

# 5. GBK 8bit and GB18030 with a four-byte sequence (an emoji).
{ printf 'From: li@client.cn\nTo: shop@seller.example\nSubject: GBK test\nDate: Thu, 26 Nov 2026 09:30:00 +0800\n'
  printf 'Message-ID: <gbk-0005@client.cn>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=GBK\nContent-Transfer-Encoding: 8bit\n\n'
  enc GBK '颜色不对，我要退货。'; printf '\n'
} > "Maildir/cur/1700000005.M5P1.kefu:2,S"
{ printf 'From: zhao@client.cn\nTo: shop@seller.example\nSubject: GB18030 test\nDate: Thu, 26 Nov 2026 09:40:00 +0800\n'
  printf 'Message-ID: <gb18030-0006@client.cn>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=GB18030\nContent-Transfer-Encoding: 8bit\n\n'
  enc GB18030 '谢谢 😀 好评'; printf '\n'
} > "Maildir/cur/1700000006.M6P1.kefu:2,S"

# 6. Big5, quoted-printable.
{ printf 'From: chen@client.tw\nTo: shop@seller.example\nSubject: Big5 test\nDate: Fri, 27 Nov 2026 09:00:00 +0800\n'
  printf 'Message-ID: <big5-0007@client.tw>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=big5\nContent-Transfer-Encoding: quoted-printable\n\n'
  enc BIG5 '請問運費多少？' | od -An -tx1 -v | tr -d ' \n' | sed 's/\(..\)/=\1/g' | tr 'a-f' 'A-F'; printf '\n'
} > "Maildir/cur/1700000007.M7P1.kefu:2,S"

# 7. Shift_JIS, base64.
cat > "Maildir/cur/1700000008.M8P1.kefu:2,S" <<EOF
From: tanaka@client.jp
To: shop@seller.example
Subject: Shift_JIS test
Date: Fri, 27 Nov 2026 10:00:00 +0900
Message-ID: <sjis-0008@client.jp>
MIME-Version: 1.0
Content-Type: text/plain; charset=Shift_JIS
Content-Transfer-Encoding: base64

$(b64 SHIFT_JIS '商品が届きません。確認してください。')
EOF

# 8. ISO-2022-JP, the classic Japanese mail: 7bit body and encoded subject.
{ printf 'From: suzuki@client.jp\nTo: shop@seller.example\n'
  printf 'Subject: =?ISO-2022-JP?B?%s?=\n' "$(b64 ISO-2022-JP 返品について)"
  printf 'Date: Fri, 27 Nov 2026 11:00:00 +0900\nMessage-ID: <jis-0009@client.jp>\nMIME-Version: 1.0\n'
  printf 'Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n'
  enc ISO-2022-JP '返品したいです。'; printf '\n'
} > "Maildir/cur/1700000009.M9P1.kefu:2,S"

# 9. EUC-KR (labelled as Outlook does, ks_c_5601-1987), 8bit.
{ printf 'From: kim@client.kr\nTo: shop@seller.example\nSubject: EUC-KR test\nDate: Sat, 28 Nov 2026 09:00:00 +0900\n'
  printf 'Message-ID: <euckr-0010@client.kr>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=ks_c_5601-1987\nContent-Transfer-Encoding: 8bit\n\n'
  enc EUC-KR '배송이 늦어요.'; printf '\n'
} > "Maildir/cur/1700000010.M10P1.kefu:2,S"

# 10. KOI8-R, 8bit.
{ printf 'From: ivan@client.ru\nTo: shop@seller.example\nSubject: =?KOI8-R?B?%s?=\n' "$(b64 KOI8-R 'Где мой заказ?')"
  printf 'Date: Sat, 28 Nov 2026 10:00:00 +0300\nMessage-ID: <koi8-0011@client.ru>\nMIME-Version: 1.0\n'
  printf 'Content-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: 8bit\n\n'
  enc KOI8-R 'Здравствуйте, посылка не пришла.'; printf '\n'
} > "Maildir/cur/1700000011.M11P1.kefu:2,S"

# 11. Windows-1251, Windows-1252, ISO-8859-2, ISO-8859-15: one mixed message, one part each.
{ printf 'From: europe@client.example\nTo: shop@seller.example\nSubject: Windows and ISO charsets\n'
  printf 'Date: Sat, 28 Nov 2026 11:00:00 +0100\nMessage-ID: <legacy-0012@client.example>\nMIME-Version: 1.0\n'
  printf 'Content-Type: multipart/mixed; boundary="legacy"\n\n--legacy\n'
  printf 'Content-Type: text/plain; charset=windows-1251\nContent-Transfer-Encoding: 8bit\n\n'; enc WINDOWS-1251 'Спасибо за ответ'; printf '\n--legacy\n'
  printf 'Content-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: 8bit\n\n'; enc WINDOWS-1252 'Price: 20 € – “fair”'; printf '\n--legacy\n'
  printf 'Content-Type: text/plain; charset=iso-8859-2\nContent-Transfer-Encoding: 8bit\n\n'; enc ISO-8859-2 'Dziękuję, przesyłka dotarła'; printf '\n--legacy\n'
  printf 'Content-Type: text/plain; charset=iso-8859-15\nContent-Transfer-Encoding: 8bit\n\n'; enc ISO-8859-15 'Remboursement de 15 € reçu'; printf '\n--legacy--\n'
} > "Maildir/cur/1700000012.M12P1.kefu:2,S"

# 12. multipart/alternative: the plain part wins over the HTML part.
cat > "Maildir/cur/1700000013.M13P1.kefu:2,S" <<'EOF'
From: Maria Garcia <maria@client.es>
To: shop@seller.example
Subject: Pedido #5521 llegado roto
Date: Sun, 29 Nov 2026 09:00:00 +0100
Message-ID: <alt-0013@client.es>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="alt-b"

--alt-b
Content-Type: text/plain; charset=utf-8

PLAIN VERSION: the vase arrived broken.
--alt-b
Content-Type: text/html; charset=utf-8

<p>HTML VERSION: the vase arrived broken.</p>
--alt-b--
EOF

# 13. HTML only: script, style, list, link, table, entities (named and numeric).
cat > "Maildir/cur/1700000014.M14P1.kefu:2,S" <<'EOF'
From: noreply-buyer@client.example
To: shop@seller.example
Subject: HTML only
Date: Sun, 29 Nov 2026 10:00:00 +0000
Message-ID: <html-0014@client.example>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><head><title>Ignore me</title><style>p { color: red; }</style>
<script>alert("x")</script></head>
<body><h1>Problem with my order</h1><p>Hello,&nbsp;the   item&#39;s colour is wrong &amp; the size too.</p>
<ul><li>Colour: blue</li><li>Size: M &ndash; expected L</li></ul>
<p>See <a href="https://tracking.example/track?id=RB123456785GB">my tracking</a> and <a href="https://www.example.com/">https://www.example.com/</a>.</p>
<table><tr><td>Price</td><td>&#x20AC;25</td></tr></table>
<p>Caf&eacute; d&#233;j&agrave; vu<br>Thanks</p></body></html>
EOF

# 14. mixed > related > alternative, inline photo, two attachments with RFC 2231 and RFC 2047
#     names, a preamble and an epilogue. CRLF line ends.
{ cat <<EOF
From: Tom Baker <tom@client.example>
To: shop@seller.example
Subject: Photos of the damage
Date: Mon, 30 Nov 2026 09:00:00 -0500
Message-ID: <nested-0015@client.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

This is the preamble; no client shows it.
--outer
Content-Type: multipart/related; boundary="rel"

--rel
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8

The box was crushed, see the photo.
--alt
Content-Type: text/html; charset=utf-8

<p>The box was crushed, see the photo.</p><img src="cid:photo1@client.example">
--alt--
--rel
Content-Type: image/png
Content-ID: <photo1@client.example>
Content-Transfer-Encoding: base64

$(printf 'PNGDATA-inline-photo' | base64)
--rel--
--outer
Content-Type: application/pdf
Content-Disposition: attachment;
 filename*0*=UTF-8''%E5%8F%91%E7%A5%A8;
 filename*1=-2026.pdf
Content-Transfer-Encoding: base64

$(printf '%%PDF-1.4 invoice' | base64)
--outer
Content-Type: image/jpeg; name="=?UTF-8?B?$(printf '损坏照片.jpg' | base64 -w0)?="
Content-Disposition: attachment
Content-Transfer-Encoding: base64

$(printf 'JPEGDATA' | base64)
--outer--
This is the epilogue.
EOF
} | crlf > "Maildir/cur/1700000015.M15P1.kefu:2,S"

# 15. No closing boundary: the last part runs to the end of the message.
cat > "Maildir/cur/1700000016.M16P1.kefu:2,S" <<'EOF'
From: cut@client.example
To: shop@seller.example
Subject: Cut off
Date: Mon, 30 Nov 2026 10:00:00 +0000
Message-ID: <cut-0016@client.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="cut"

--cut
Content-Type: text/plain

First part.
--cut
Content-Type: text/plain

Second part, and the closing boundary never comes.
EOF

# 16. A thread: the customer's first mail and a reply to the shop's answer (References).
cat > "Maildir/cur/1700000017.M17P1.kefu:2,S" <<'EOF'
From: Peter Jones <peter@client.example>
To: shop@seller.example
Subject: Wrong size
Date: Tue, 01 Dec 2026 09:00:00 +0000
Message-ID: <root-0017@client.example>

I received size S but ordered M.
EOF
cat > "Maildir/cur/1700000018.M18P1.kefu:2,S" <<'EOF'
From: Peter Jones <peter@client.example>
To: shop@seller.example
Subject: AW: Re: Wrong size
Date: Wed, 02 Dec 2026 09:00:00 +0000
Message-ID: <reply-0018@client.example>
In-Reply-To: <kefu-answer-1@seller.example>
References: <root-0017@client.example>
 <kefu-answer-1@seller.example>

Thanks, I prefer the exchange.

> We can send size M or refund you.
EOF

# 17. Obsolete date: two-digit year, zone name, comment, no seconds.
cat > "Maildir/cur/1700000019.M19P1.kefu:2,S" <<'EOF'
From: old@client.example (Old Timer)
To: shop@seller.example
Subject: Old client
Date: Sun, 5 Nov 23 9:05 EST (Eastern Standard Time)
Message-ID: <old-0019@client.example>

Written by a very old mail client.
EOF

# 18. Unknown charset: read as UTF-8 (best effort) with a note.
cat > "Maildir/cur/1700000020.M20P1.kefu:2,S" <<'EOF'
From: odd@client.example
To: shop@seller.example
Subject: Odd charset
Date: Tue, 01 Dec 2026 11:00:00 +0000
Message-ID: <odd-0020@client.example>
Content-Type: text/plain; charset=x-klingon

Qapla' — it works anyway.
EOF

# 19. base64 with bad padding and odd line breaks.
{ printf 'From: pad@client.example\nTo: shop@seller.example\nSubject: Bad padding\n'
  printf 'Date: Tue, 01 Dec 2026 12:00:00 +0000\nMessage-ID: <pad-0021@client.example>\n'
  printf 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n'
  printf '%s' 'Tracking number please: RB123456785GB' | base64 -w0 | tr -d '=' | fold -w 7; printf '\n'
} > "Maildir/cur/1700000021.M21P1.kefu:2,S"

# 20. Own Shopify store mail with "Order #1234", format=flowed.
cat > "Maildir/cur/1700000022.M22P1.kefu:2,S" <<'EOF'
From: Lucy <lucy@client.example>
To: support@mystore.example
Subject: Where is Order #1234?
Date: Tue, 01 Dec 2026 13:00:00 +0000
Message-ID: <shop-0022@client.example>
Content-Type: text/plain; charset=utf-8; format=flowed

I ordered a lamp last week and it has not 
shipped yet. Could you check?
EOF

# 21. A phishing-style sender: "amazon" only in a subdomain of another domain.
cat > "Maildir/cur/1700000023.M23P1.kefu:2,S" <<'EOF'
From: Amazon Service <service@marketplace.amazon.com.verify-order.example>
To: shop@seller.example
Subject: Confirm your account
Date: Tue, 01 Dec 2026 14:00:00 +0000
Message-ID: <phish-0023@verify-order.example>

Click here.
EOF

# 22. AliExpress relay with its order id.
cat > "Maildir/cur/1700000024.M24P1.kefu:2,S" <<'EOF'
From: AliExpress Buyer <buyer-8831@message.aliexpress.com>
To: shop@seller.example
Subject: New message about Order ID: 8123456789012345
Date: Tue, 01 Dec 2026 15:00:00 +0000
Message-ID: <ali-0024@aliexpress.com>

The buyer writes: the parcel is stuck in customs.
EOF

# Broken messages: each must be refused with a reason, never dropped.
printf 'Hello, I want a refund for my order please.\nThanks\n' > "Maildir/cur/1700000090.broken-no-headers.kefu:2,S"
cat > "Maildir/cur/1700000091.broken-no-from.kefu:2,S" <<'EOF'
To: shop@seller.example
Subject: Nobody sent this
Date: Tue, 01 Dec 2026 15:00:00 +0000

Who am I?
EOF
cat > "Maildir/cur/1700000092.broken-no-boundary.kefu:2,S" <<'EOF'
From: broken@client.example
Subject: No boundary
Content-Type: multipart/mixed

--something
Content-Type: text/plain

text
EOF
cat > "Maildir/cur/1700000093.broken-boundary-absent.kefu:2,S" <<'EOF'
From: broken@client.example
Subject: Boundary never used
Content-Type: multipart/alternative; boundary="declared"

--other
Content-Type: text/plain

text
EOF
{ printf 'From: bomb@client.example\nSubject: Nested too deep\nContent-Type: multipart/mixed; boundary="b0"\n\n'
  i=0; while [ $i -lt 30 ]; do n=$((i+1)); printf -- '--b%d\nContent-Type: multipart/mixed; boundary="b%d"\n\n' $i $n; i=$n; done
  printf -- '--b30\nContent-Type: text/plain\n\ndeep\n'
} > "Maildir/cur/1700000094.broken-too-deep.kefu:2,S"
: > "Maildir/cur/1700000095.broken-empty.kefu:2,S"

# A delivery still in progress: never read.
cat > Maildir/tmp/1700000099.M99P1.kefu <<'EOF'
From: tmp@client.example
Subject: Still being delivered
Message-ID: <tmp-0099@client.example>

Not yet.
EOF

# The mbox: three messages, ">From " quoting (mboxrd) in the second, an unquoted "From"
# inside a line, and an envelope date on each.
cat > sample.mbox <<'EOF'
From alice@client.example Mon Nov 23 08:15:00 2026
From: Alice <alice@client.example>
Subject: First
Message-ID: <mbox-1@client.example>

Line one.
Quoted From in the middle: From here it is fine.

From bob@client.example Tue Nov 24 09:00:00 2026
From: Bob <bob@client.example>
Subject: Second
Message-ID: <mbox-2@client.example>

>From the start of this line it was quoted.
>>From two levels.

From carol@client.example Wed Nov 25 10:00:00 2026
From: Carol <carol@client.example>
Subject: Third

No Message-ID here.
EOF
