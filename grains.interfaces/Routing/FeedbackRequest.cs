namespace Moecraft.Routing;

/// <summary>
/// Feedback on an answered request (SPEC 4.8): either a score in [0, 1] for the expert that answered, or a pairwise
/// preference between two experts that both answered it (k &gt; 1).
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.FeedbackRequest")]
public sealed record FeedbackRequest([Id(0)] string RequestId, [Id(1)] string? TenantId, [Id(2)] double? Score = null, [Id(3)] string? Preferred = null, [Id(4)] string? Over = null);
