"""What the review screen shows about one session, without Qt: the analysis with the
user's corrections applied, bookmarks, the word timeline and transcript search."""
