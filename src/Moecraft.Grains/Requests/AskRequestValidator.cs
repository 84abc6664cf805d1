using Moecraft.Routing;
using Moecraft.Tenants;

namespace Moecraft.Requests;

/// <summary>Admission's request validation (SPEC 4.1): every rejection is a clear <see cref="ArgumentException"/>, raised before anything is charged.</summary>
public static class AskRequestValidator
{
    public const int MaxPromptCharacters = 100_000;
    public const int MaxRequestIdLength = 200;
    public const int MaxExperts = 4;
    public const int MaxOutputTokens = 32_768;

    public static void Validate(AskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Prompt)) throw new ArgumentException("The prompt must not be empty.", nameof(request));
        if (request.Prompt.Length > MaxPromptCharacters)
            throw new ArgumentException($"The prompt has {request.Prompt.Length} characters; the limit is {MaxPromptCharacters}.", nameof(request));
        if (string.IsNullOrWhiteSpace(request.RequestId)) throw new ArgumentException("The request id must not be empty.", nameof(request));
        if (request.RequestId.Length > MaxRequestIdLength || request.RequestId.Any(char.IsControl))
            throw new ArgumentException($"The request id must be at most {MaxRequestIdLength} characters without control characters.", nameof(request));
        if (request.Experts is < 1 or > MaxExperts)
            throw new ArgumentException($"Between 1 and {MaxExperts} experts can answer a request, not {request.Experts}.", nameof(request));
        if (!Enum.IsDefined(request.Coordination)) throw new ArgumentException($"Unknown coordination '{request.Coordination}'.", nameof(request));
        if (request.TenantId is { } tenant) TenantIds.Validate(tenant);

        if (request.Options is { } options)
        {
            if (options.Temperature is { } t && !(t >= 0 && t <= 2))
                throw new ArgumentException($"The temperature must be in [0, 2], got {t}.", nameof(request));
            if (options.MaxOutputTokens is { } max && max is < 1 or > MaxOutputTokens)
                throw new ArgumentException($"The maximum output tokens must be between 1 and {MaxOutputTokens}, got {max}.", nameof(request));
        }

        if (request.Policy is { } policy)
        {
            if (!Enum.IsDefined(policy.Kind)) throw new ArgumentException($"Unknown routing policy '{policy.Kind}'.", nameof(request));
            if (policy.QualityTarget is { } target && !(target >= 0 && target <= 1))
                throw new ArgumentException($"The quality target must be in [0, 1], got {target}.", nameof(request));
            if (policy.Kind == RoutingPolicyKind.Fixed && string.IsNullOrWhiteSpace(policy.FixedExpert))
                throw new ArgumentException("The fixed policy needs an expert id.", nameof(request));
        }
    }
}
