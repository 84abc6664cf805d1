namespace Moecraft.Routing;

/// <summary>
/// Feedback on an answered request (SPEC 4.8): either a score in [0, 1] for the expert that answered, or a pairwise
/// preference between two experts that both answered it (k &gt; 1).
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.FeedbackRequest")]
public sealed record FeedbackRequest(string RequestId, string? TenantId, double? Score = null, string? Preferred = null, string? Over = null);
