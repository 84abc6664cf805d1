namespace Moecraft.Experts;

/// <summary>Lifecycle of an expert (SPEC 3.6): active -> cooling -> archived, and restore back to active.</summary>
[GenerateSerializer, Alias("moecraft.ExpertStatus")]
public enum ExpertStatus
{
    /// <summary>Not registered yet.</summary>
    Unregistered = 0,
    /// <summary>Receives new work.</summary>
    Active = 1,
    /// <summary>Receives no new routing but is still observed.</summary>
    Cooling = 2,
    /// <summary>Kept and restorable, but out of service.</summary>
    Archived = 3,
}
