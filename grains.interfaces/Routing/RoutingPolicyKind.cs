namespace Moecraft.Routing;

/// <summary>The routing policies of SPEC 4.4. Persisted by value: never renumber a member.</summary>
[GenerateSerializer, Alias("moecraft.RoutingPolicyKind")]
public enum RoutingPolicyKind
{
    /// <summary>The cheapest expert whose predicted success reaches the quality target.</summary>
    CheapestAcceptable = 0,

    /// <summary>Cheap first; escalate to a dearer expert while confidence is low.</summary>
    Cascade = 1,

    /// <summary>Always the named expert.</summary>
    Fixed = 2,

    /// <summary>By predicted gain in success per extra cost, at the exchange rate the quality target sets (issue 14).</summary>
    Gain = 3,
}
