/// Words that ask a buyer to log in, verify an account or pay — in the template languages.
/// Marketplaces forbid sellers to ask for any of these through a link, and it is what the fake
/// "Amazon" mails do, so a reply that does it with a link in the same paragraph is refused.
enum LinkRequestPhrases {
    static let list = PhraseList([
        // en
        "log in", "log into", "login", "sign in", "sign into", "verify your account", "verify your identity",
        "confirm your account", "confirm your identity", "confirm your details", "update your payment*",
        "enter your card*", "card details", "your password", "pay here", "pay now", "pay via", "pay through", "pay using",
        "payment link", "complete your payment", "complete the payment",
        // de
        "melden sie sich an", "anmelden", "einloggen", "konto bestätigen", "konto verifizieren", "bestätigen sie ihr konto",
        "verifizieren sie ihr konto", "kartendaten", "zahlungsdaten", "bezahlen sie", "jetzt bezahlen", "zahlung abschließen",
        "ihr passwort",
        // fr
        "connectez-vous", "se connecter", "vérifiez votre compte", "confirmez votre compte", "vérifier votre compte",
        "confirmer votre compte", "coordonnées bancaires", "payez", "payer via", "régler via", "finaliser le paiement",
        "votre mot de passe",
        // es
        "inicie sesión", "iniciar sesión", "verifique su cuenta", "confirme su cuenta", "verificar su cuenta",
        "confirmar su cuenta", "datos de su tarjeta", "datos de pago", "pague", "pagar a través", "complete el pago",
        "su contraseña",
        // it
        "accedi", "effettui l'accesso", "verifichi il suo account", "confermi il suo account", "verifica il tuo account",
        "conferma il tuo account", "verificare il tuo account", "dati della carta", "paghi", "pagare tramite",
        "completa il pagamento", "completi il pagamento",
        // pt, ru, ja, zh, ko (the languages more templates speak)
        "faça login", "inicie sessão", "verifique sua conta", "confirme sua conta", "dados do cartão", "pague aqui",
        "войдите", "подтвердите аккаунт", "подтвердите учетную запись", "данные карты", "оплатите по ссылке",
        "ログイン", "アカウントを確認", "カード情報", "お支払いはこちら",
        "登录", "验证您的账户", "验证账户", "银行卡信息", "付款链接",
        "로그인", "계정 확인", "카드 정보",
    ])
}
