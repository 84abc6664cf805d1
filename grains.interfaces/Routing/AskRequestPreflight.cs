using Moecraft.Experts;
using Moecraft.Tenants;

namespace Moecraft.Routing;

/// <summary>
/// What the client SDK checks of a request before sending it, and the silo's admission checks again first: it is within
/// the size limit, and every id it carries (request, tenant, the policy's experts) is well-formed (<see cref="Identifiers"/>).
/// Every refusal happens before any grain is called.
/// </summary>
public static class AskRequestPreflight
{
    /// <exception cref="RequestTooLargeException">The request is over <paramref name="maxBytes"/>.</exception>
    /// <exception cref="ArgumentException">An id is empty, too long, or not well-formed text.</exception>
    public static AskRequest Validate(AskRequest request, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestSize.Require(request, maxBytes);
        RequestIds.Validate(request.RequestId, nameof(request));
        if (request.TenantId is { } tenant) TenantIds.Validate(tenant, nameof(request));
        if (request.Policy is { } policy)
        {
            if (policy.FixedExpert is { } pinned) ExpertIds.Validate(pinned, nameof(request));
            foreach (var fallback in policy.FallbackList) ExpertIds.Validate(fallback, nameof(request));
        }
        return request;
    }
}
