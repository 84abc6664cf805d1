namespace Moecraft.Hosting.Configuration;

/// <summary>Whether a silo seeds the default router with simulated experts when it finds none.</summary>
public sealed class MoecraftSeedOptions
{
    public bool Enabled { get; set; } = true;
}
