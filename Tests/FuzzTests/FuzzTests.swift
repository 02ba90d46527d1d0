import Testing

/// Every fuzz target, one after another: each measures its own time and resident memory, which a neighbour
/// running at the same time would blur. See docs/fuzzing.md.
@Suite("FuzzTests", .serialized)
struct FuzzTests {}
