using System.Diagnostics.CodeAnalysis;

namespace Moecraft.Routing;

/// <summary>The one rule for router ids (the key of a router layer, its chat router and its keepers <c>{router}/{clock}</c>).</summary>
public static class RouterIds
{
    public const int MaxLength = Identifiers.MaxLength;

    /// <summary>Throws <see cref="ArgumentException"/> unless the id is 1-128 characters of well-formed text (<see cref="Identifiers"/>).</summary>
    public static string Validate([NotNull] string? routerId, string parameterName = "routerId") =>
        Identifiers.Validate(routerId, "router id", parameterName, MaxLength);
}
