// KefuConsole
