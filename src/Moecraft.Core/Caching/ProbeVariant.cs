namespace Moecraft.Caching;

/// <summary>A prompt derived from a base prompt; <paramref name="Edit"/> names the edit ("casing", "antonym", ...).</summary>
public sealed record ProbeVariant(string Text, ProbeKind Kind, string Edit)
{
    public bool ShouldHit => Kind == ProbeKind.Paraphrase;
}
