/// The Swift code the lessons show. Each lesson has one file under its module's folder; the
/// Markdown quotes regions of it, and LessonCodeTests runs every function.
public enum LessonCode {}
