"""Speech output: a Speaker reads text aloud (espeak-ng to the headphone jack or a WAV file;
a simulated one that only records, for tests and the demo)."""
