// KefuConfig
