using Moecraft.Experts;
using Moecraft.Governance;

namespace Moecraft.Routing;

/// <summary>
/// Governance's rules for a new expert on a router's roster (SPEC 5.4): the policy's roster size, and when backends are
/// restricted, an allowed backend. The grain reads the expert; these decide.
/// </summary>
public static class RosterAdmission
{
    /// <summary>Throws when the roster already holds <paramref name="policy"/>'s most experts per router.</summary>
    public static void RequireRoom(RouterLayerState state, PolicyVersion policy, string routerId, string governanceId)
    {
        var experts = state.SlotExperts.Count(e => e is not null);
        if (experts >= policy.Policy.MaxExpertsPerRouter)
            throw new InvalidOperationException(
                $"Router '{routerId}' already holds {experts} experts, the most governance '{governanceId}' allows (policy version {policy.Version}).");
    }

    /// <summary>Whether the policy restricts backends, so the expert must be read before it joins.</summary>
    public static bool RestrictsBackends(PolicyVersion policy) => !Enum.GetValues<BackendKind>().All(policy.Policy.AllowsBackend);

    /// <summary>The error for an expert that cannot be read while backends are restricted.</summary>
    public static InvalidOperationException Unregistered(string expertId, string routerId, string governanceId, Exception error) => new(
        $"Governance '{governanceId}' restricts backends, so expert '{expertId}' must be registered before it joins router '{routerId}': {error.Message}", error);

    /// <summary>Throws when <paramref name="backend"/> is not one the policy allows.</summary>
    public static void RequireBackend(PolicyVersion policy, string expertId, BackendKind backend, string governanceId)
    {
        if (!policy.Policy.AllowsBackend(backend))
            throw new InvalidOperationException(
                $"Expert '{expertId}' uses the {PolicyText.Backend(backend)} backend, which governance '{governanceId}' does not allow " +
                $"(allowed: {string.Join(", ", policy.Policy.AllowedBackends.Select(PolicyText.Backend))}; policy version {policy.Version}).");
    }
}
