namespace Moecraft.NativeFixup;

/// <summary>
/// The outcome for one library: the action taken, the versions marked weak now, the allowed missing versions that
/// were weak already, and the missing versions that are not safe to weaken (left as they are, reported as a warning).
/// </summary>
public sealed record FixupResult(
    string LibraryPath,
    FixupAction Action,
    IReadOnlyList<string> Weakened,
    IReadOnlyList<string> AlreadyWeak,
    IReadOnlyList<string> Unsafe);
