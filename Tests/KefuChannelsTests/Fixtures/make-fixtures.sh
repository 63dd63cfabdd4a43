#!/bin/sh
# Writes the import corpus for KefuChannelsTests: a Maildir about threading, attachments and
# language (the MIME and charset corpus is KefuMailTests/Fixtures), and order reports.
# Run from this directory: sh make-fixtures.sh
set -eu
cd "$(dirname "$0")"
rm -rf Threads orders
mkdir -p Threads/cur Threads/new Threads/tmp orders

# T1, T2: the same Amazon buyer (relay address) about the same order, no References: one conversation.
cat > "Threads/cur/1800000001.T1.kefu:2,S" <<'EOF'
From: "Hans Becker - Amazon Marketplace" <x7k2m9p4q1@marketplace.amazon.de>
To: shop@seller.example
Subject: Lieferung 028-1111111-2222222
Date: Mon, 23 Nov 2026 08:00:00 +0100
Message-ID: <t1@marketplace.amazon.de>

Hallo, wann kommt meine Bestellung? Ich warte schon seit zwei Wochen und habe noch keine Nachricht bekommen.
EOF
cat > "Threads/cur/1800000002.T2.kefu:2,S" <<'EOF'
From: "Hans Becker - Amazon Marketplace" <x7k2m9p4q1@marketplace.amazon.de>
To: shop@seller.example
Subject: Noch eine Frage
Date: Tue, 24 Nov 2026 08:00:00 +0100
Message-ID: <t2@marketplace.amazon.de>

Bestellung 028-1111111-2222222: ist das Paket schon unterwegs? Bitte schicken Sie mir die Sendungsnummer.
EOF
# T3: the same buyer about another order: a conversation of its own.
cat > "Threads/cur/1800000003.T3.kefu:2,S" <<'EOF'
From: "Hans Becker - Amazon Marketplace" <x7k2m9p4q1@marketplace.amazon.de>
To: shop@seller.example
Subject: Andere Bestellung 028-3333333-4444444
Date: Tue, 24 Nov 2026 09:00:00 +0100
Message-ID: <t3@marketplace.amazon.de>

Und die andere Bestellung ist leider beschädigt angekommen.
EOF
# T4, T5: eBay item number, same buyer, no References: one conversation.
cat > "Threads/cur/1800000004.T4.kefu:2,S" <<'EOF'
From: bob_uk <bob_uk@members.ebay.co.uk>
To: shop@seller.example
Subject: Item 123456789012 not received
Date: Mon, 23 Nov 2026 10:00:00 +0000
Message-ID: <t4@members.ebay.co.uk>

Hello, the item has not arrived and the tracking has not moved for a week. What can you do about it?
EOF
cat > "Threads/cur/1800000005.T5.kefu:2,S" <<'EOF'
From: bob_uk <bob_uk@members.ebay.co.uk>
To: shop@seller.example
Subject: Re: Item 123456789012 not received
Date: Tue, 24 Nov 2026 10:00:00 +0000
Message-ID: <t5@members.ebay.co.uk>

Any news about item 123456789012? I would like to know when it will come.
EOF
# T6 in new/ is the root; T7 in cur/ (read first) replies to it by In-Reply-To only.
cat > "Threads/new/1800000006.T6.kefu" <<'EOF'
From: Claire Martin <claire@client.example>
To: shop@seller.example
Subject: Taille du pull
Date: Mon, 23 Nov 2026 11:00:00 +0100
Message-ID: <t6@client.example>

Bonjour, le pull est trop petit. Est-ce que je peux le retourner et avoir une taille plus grande ?
EOF
cat > "Threads/cur/1800000007.T7.kefu:2,S" <<'EOF'
From: Claire Martin <claire@client.example>
To: shop@seller.example
Subject: Re: Taille du pull
Date: Tue, 24 Nov 2026 11:00:00 +0100
Message-ID: <t7@client.example>
In-Reply-To: <t6@client.example>

Merci pour votre réponse, je vous renvoie le pull demain.
EOF
# T8: two attachments, the same photo twice (kept once in the evidence store) and a PDF.
PHOTO=$(printf 'JPEG-bytes-of-a-broken-mug' | base64 -w0)
PDF=$(printf '%%PDF-1.4 weigh record 412 g' | base64 -w0)
cat > "Threads/cur/1800000008.T8.kefu:2,S" <<EOF
From: Tom Baker <tom@client.example>
To: shop@seller.example
Subject: Broken mug, photos attached
Date: Wed, 25 Nov 2026 12:00:00 +0000
Message-ID: <t8@client.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b8"

--b8
Content-Type: text/plain; charset=utf-8

The mug arrived broken, please see the photos and the receipt attached to this message.
--b8
Content-Type: image/jpeg; name="mug.jpg"
Content-Disposition: attachment; filename="mug.jpg"
Content-Transfer-Encoding: base64

$PHOTO
--b8
Content-Type: image/jpeg; name="mug-again.jpg"
Content-Disposition: attachment; filename="mug-again.jpg"
Content-Transfer-Encoding: base64

$PHOTO
--b8
Content-Type: application/pdf
Content-Disposition: attachment; filename*=UTF-8''%E7%A7%B0%E9%87%8D.pdf
Content-Transfer-Encoding: base64

$PDF
--b8--
EOF
# T9: broken (a header section that never ends in a blank line is fine; this one has no From).
cat > "Threads/cur/1800000009.T9-broken.kefu:2,S" <<'EOF'
Subject: no sender here
Date: Wed, 25 Nov 2026 12:00:00 +0000

Who wrote this?
EOF
# A delivery in progress: never read.
printf 'From: half@client.example\nSubject: half' > Threads/tmp/1800000010.T10.kefu

# Order reports. Amazon All Orders: tab-separated, one row per item, a bad date on line 5.
printf 'amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tproduct-name\tsku\tquantity\tcurrency\titem-price\tbuyer-email\ttracking-number\n' > orders/amazon.tsv
printf '028-1111111-2222222\t\t2026-11-10T08:00:00+00:00\t2026-11-11T08:00:00+00:00\tShipped\tCeramic mug "Blue"\tMUG-B\t2\tEUR\t25.80\thans@example.de\tRB123456785GB\n' >> orders/amazon.tsv
printf '028-1111111-2222222\t\t2026-11-10T08:00:00+00:00\t2026-11-11T08:00:00+00:00\tShipped\tSaucer\tSAU-1\t1\tEUR\t4.20\thans@example.de\t\n' >> orders/amazon.tsv
printf '028-3333333-4444444\t\t2026-11-12T09:30:00+00:00\t2026-11-12T09:30:00+00:00\tShipped\tTeapot\tTEA-1\t1\tEUR\t39.00\t\t1Z5R89390357567127\n' >> orders/amazon.tsv
printf '028-5555555-6666666\t\tyesterday\t\tPending\tCup\tCUP-1\t1\tEUR\t9.00\t\t\n' >> orders/amazon.tsv
printf '028-7777777-8888888\t\t2026-11-13T09:30:00+00:00\t\tPending\tCup\tCUP-1\tmany\tEUR\t9.00\t\t\n' >> orders/amazon.tsv

# Shopify orders export: CSV with quotes, a comma and a line break inside a field, "#1001" names.
cat > orders/shopify.csv <<'EOF'
Name,Email,Financial Status,Created at,Currency,Total,Lineitem quantity,Lineitem name,Lineitem sku,Billing Name,Tracking Number,Tracking Company
#1001,claire@client.example,paid,2026-11-20 10:15:00 +0100,EUR,59.90,1,"Pull, taille M",PULL-M,Claire Martin,9400111206206406260787,USPS
#1001,,,2026-11-20 10:15:00 +0100,,,2,"Socks ""wool""
two pairs",SOCK-2,,,
#1002,lucy@client.example,paid,not a date,EUR,10.00,1,Scarf,SCARF,Lucy,,
,missing@client.example,paid,2026-11-21 10:00:00 +0100,EUR,10.00,1,Hat,HAT,Nobody,,
#1003,tom@client.example,paid,2026-11-21 11:00:00 +0100,GBP,12.50,1,Mug,MUG-B,Tom Baker,3318810025,
EOF

# Generic CSV with a column map from the config file (semicolons).
cat > orders/erp.csv <<'EOF'
Auftrag;Datum;Kunde;Mail;Paket
E-100;2026-11-19;Bob UK;bob_uk@members.ebay.co.uk;YT1234567890123456
E-101;2026-11-19;Jane;;
;2026-11-19;Nobody;;
EOF
