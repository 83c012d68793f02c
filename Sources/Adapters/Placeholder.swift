enum _PlaceholderAdapters {}
