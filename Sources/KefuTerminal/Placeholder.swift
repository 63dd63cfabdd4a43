// KefuTerminal
