// KefuMail
