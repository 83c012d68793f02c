enum _PlaceholderLedger {}
