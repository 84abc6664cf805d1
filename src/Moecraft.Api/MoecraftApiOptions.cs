using Moecraft.Routing;

namespace Moecraft.Api;

/// <summary>The HTTP API's settings, bound from <c>Moecraft:Api</c>.</summary>
public sealed class MoecraftApiOptions
{
    public const string SectionName = "Moecraft:Api";

    /// <summary>The model name that means "let Moecraft route" (the tenant's default router and policy).</summary>
    public const string AutoModel = "moecraft/auto";

    /// <summary>The router <c>moecraft/auto</c> uses.</summary>
    public string DefaultRouter { get; set; } = "default";

    /// <summary>
    /// Largest request body accepted, in bytes (default 1 MiB, the silo's own request limit); larger bodies are refused with
    /// 413 before they are read, on every endpoint (it is also the server's limit), so none reaches the cluster.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = RequestSize.DefaultMaxBytes;

    /// <summary>
    /// When true (the default), requests that present no credential and come from a loopback address to a silo bound only
    /// to loopback act as the built-in local tenant with admin rights, so a laptop silo works without keys.
    /// </summary>
    public bool OpenLocalAccess { get; set; } = true;

    /// <summary>The built-in tenant of open local access.</summary>
    public string LocalTenant { get; set; } = "local";

    /// <summary>The local tenant's monthly budget, created with it on first use.</summary>
    public decimal LocalTenantBudget { get; set; } = 1000m;
}
