// KefuStore
