namespace Moecraft.NativeFixup;

/// <summary>What <see cref="NativeLibraryFixer"/> did to one library.</summary>
public enum FixupAction
{
    /// <summary>The system libstdc++ defines every version the library needs; the file was not touched.</summary>
    NotNeeded,

    /// <summary>Every missing version the allow-list covers was already weak; the file was not touched.</summary>
    AlreadyWeak,

    /// <summary>Missing, allowed versions were marked weak and the file was rewritten.</summary>
    Patched,

    /// <summary>Only versions outside the allow-list are missing; the file was not touched and will not load.</summary>
    LeftUnchanged,
}
