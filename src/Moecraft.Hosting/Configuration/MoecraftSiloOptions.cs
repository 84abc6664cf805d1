namespace Moecraft.Hosting.Configuration;

/// <summary>Everything a silo node needs to know, bound from the "Moecraft" configuration section.</summary>
public sealed class MoecraftSiloOptions
{
    public const string SectionName = "Moecraft";

    /// <summary>This node's name: the silo name in the membership table (federation pins grains by it).</summary>
    public string NodeName { get; set; } = Environment.MachineName;

    /// <summary>Orleans cluster id: silos with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "moecraft";

    /// <summary>Orleans service id: part of every stored row's key, so it must never change for a deployment.</summary>
    public string ServiceId { get; set; } = "moecraft";

    public MoecraftStorageOptions Storage { get; set; } = new();

    public MoecraftEndpointOptions Endpoints { get; set; } = new();

    /// <summary>Death detection and call timeouts: how fast the cluster recovers from a dead silo.</summary>
    public MoecraftFailoverOptions Failover { get; set; } = new();

    public MoecraftSeedOptions Seed { get; set; } = new();

    public MoecraftLedgerOptions Ledger { get; set; } = new();

    public MoecraftEmbeddingOptions Embeddings { get; set; } = new();

    public MoecraftReplayOptions Replay { get; set; } = new();

    public MoecraftIdentityOptions Identity { get; set; } = new();

    public MoecraftAuditOptions Audit { get; set; } = new();

    public MoecraftFederationOptions Federation { get; set; } = new();

    public MoecraftTenantOptions Tenants { get; set; } = new();

    public MoecraftRouterOptions Routers { get; set; } = new();
}
