namespace Moecraft.Journal;

/// <summary>The kinds of journal entries Moecraft writes.</summary>
public static class JournalKinds
{
    public const string Halt = "halt";
    public const string Resume = "resume";
    public const string PolicyChange = "policy";
    public const string LifecycleEdit = "lifecycle";
    /// <summary>A committed identity event: a scar, a reflex, a compensation, an epoch boundary (SPEC 5.3).</summary>
    public const string Kernel = "kernel";
    public const string BudgetExhausted = "budget";

    /// <summary>Federation: a peer met, or its trust tier changed.</summary>
    public const string Peer = "peer";

    /// <exception cref="ArgumentException">Not 1 to 32 lower-case letters, digits or '-'.</exception>
    public static void Validate(string kind)
    {
        if (string.IsNullOrEmpty(kind) || kind.Length > 32 || !kind.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            throw new ArgumentException($"Journal kind '{kind}' must be 1 to 32 lower-case letters, digits or '-'.", nameof(kind));
    }
}
