using Moecraft.Routing;

namespace Moecraft.Requests;

/// <summary>
/// Admission's request validation (SPEC 4.1): every rejection is a clear <see cref="ArgumentException"/> (a
/// <see cref="RequestTooLargeException"/> for an oversized request), raised before anything is charged.
/// </summary>
public static class AskRequestValidator
{
    public const int MaxPromptCharacters = 100_000;
    public const int MaxRequestIdLength = RequestIds.MaxLength;

    /// <summary>The largest request admitted (<see cref="RequestSize"/>), for callers that bypass the client SDK's own check.</summary>
    public const int MaxRequestBytes = RequestSize.DefaultMaxBytes;

    public const int MaxExperts = AskRequest.MaxExperts;
    public const int MaxOutputTokens = RequestOptionsValidator.MaxOutputTokens;

    public static void Validate(AskRequest request)
    {
        // Size and ids first: an oversized request or a malformed id is refused before its text is looked at.
        AskRequestPreflight.Validate(request, MaxRequestBytes);
        ConversationValidator.Validate(request.Prompt, request.Messages);
        if (request.Experts is < 1 or > MaxExperts)
            throw new ArgumentException($"Between 1 and {MaxExperts} experts can answer a request, not {request.Experts}.", nameof(request));
        if (!Enum.IsDefined(request.Coordination)) throw new ArgumentException($"Unknown coordination '{request.Coordination}'.", nameof(request));

        RequestOptionsValidator.Validate(request.Options);

        if (request.Policy is { } policy)
        {
            if (!Enum.IsDefined(policy.Kind)) throw new ArgumentException($"Unknown routing policy '{policy.Kind}'.", nameof(request));
            if (policy.QualityTarget is { } target && !(target >= 0 && target <= 1))
                throw new ArgumentException($"The quality target must be in [0, 1], got {target}.", nameof(request));
            if (policy.Kind == RoutingPolicyKind.Fixed && string.IsNullOrWhiteSpace(policy.FixedExpert))
                throw new ArgumentException("The fixed policy needs an expert id.", nameof(request));
            if (policy.ConsistencySamples is < 0 or > RoutingPolicy.MaxConsistencySamples)
                throw new ArgumentException($"A consistency check compares 2 to {RoutingPolicy.MaxConsistencySamples} answers (0 or 1: none), not {policy.ConsistencySamples}.", nameof(request));
            if (policy.ConsistencySamples > 1 && policy.Kind != RoutingPolicyKind.Cascade)
                throw new ArgumentException("A consistency check goes with the cascade policy only.", nameof(request));
            if (!policy.FallbackList.IsEmpty && policy.Kind != RoutingPolicyKind.Fixed)
                throw new ArgumentException("Fallback experts go with the fixed policy only.", nameof(request));
            if (policy.FallbackList.Any(string.IsNullOrWhiteSpace) || policy.FallbackList.Distinct(StringComparer.Ordinal).Count() != policy.FallbackList.Length
                || policy.FallbackList.Contains(policy.FixedExpert ?? string.Empty))
                throw new ArgumentException("Fallback experts must be named, distinct, and other than the fixed expert.", nameof(request));
        }
    }
}
