namespace Moecraft.Federation;

/// <summary>What a verified packet is to the feed a node holds for its origin (SPEC 6 sync checks).</summary>
public enum FeedStep
{
    /// <summary><c>seq == position + 1</c> and <c>prev</c> is the held head: append it.</summary>
    Next,

    /// <summary>Already held at its sequence with the same id: a retry, a no-op.</summary>
    Duplicate,

    /// <summary>A different packet at a sequence already held: the origin signed two histories.</summary>
    Fork,

    /// <summary>Beyond <c>position + 1</c>: earlier packets are missing; fetch them first.</summary>
    Gap,

    /// <summary>At <c>position + 1</c> but its <c>prev</c> is not the held head: it does not extend what we hold.</summary>
    BrokenChain,
}
