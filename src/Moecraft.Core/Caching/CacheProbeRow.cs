namespace Moecraft.Caching;

/// <summary>
/// Lookups of one kind (and edit, or "*" for all edits of the kind). <see cref="Hits"/> are hits on the variant's own
/// base; <see cref="WrongHits"/> are hits on another base (always false).
/// </summary>
public sealed record CacheProbeRow(ProbeKind Kind, string Edit, int Lookups, int Hits, int WrongHits)
{
    /// <summary>For a paraphrase row the share that hit its own base; for a should-not-hit row the share that hit anything.</summary>
    public double Rate => Lookups == 0 ? 0 : (Kind == ProbeKind.Paraphrase ? Hits : Hits + WrongHits) / (double)Lookups;
}
