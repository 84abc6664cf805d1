using Moecraft.Client;
using Moecraft.Federation;
using Moecraft.Identity;
using Moecraft.Tests.Host;

namespace Moecraft.Tests.Federation.Surface;

/// <summary>
/// Two sovereign nodes, each its own cluster (<see cref="SovereignNode"/>: alpha and beta). They share nothing but the
/// federation surface. Beta's per-peer budget is small (<see cref="BetaRequestsPerMinute"/>) so a flood is cheap to show.
/// </summary>
public sealed class TwoClusters : IAsyncLifetime
{
    public const int BetaRequestsPerMinute = 40;

    private SovereignNode _alpha = null!;
    private SovereignNode _beta = null!;

    public SiloProcess Alpha => _alpha.Silo;

    public SiloProcess Beta => _beta.Silo;

    public MoecraftClient AlphaClient => _alpha.Client;

    public MoecraftClient BetaClient => _beta.Client;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync() =>
        (_alpha, _beta) = await SovereignNode.StartAllAsync([("alpha", []), ("beta", [$"--Moecraft:Federation:Surface:RequestsPerMinute={BetaRequestsPerMinute}"])])
            is [var alpha, var beta] ? (alpha, beta) : throw new InvalidOperationException("Two nodes were started.");

    public IFederationPeerGrain AlphaPeer => _alpha.Peer;

    public IFederationPeerGrain BetaPeer => _beta.Peer;

    /// <summary>What beta holds: its peer table and its clock, to show a refused request changed nothing.</summary>
    public Task<string> BetaStateAsync() => _beta.StateAsync();

    /// <summary>A request to beta's surface signed by <paramref name="key"/> as <paramref name="origin"/>.</summary>
    public HttpRequestMessage SignedToBeta<T>(INodeSigner key, string origin, string path, T body, string destination = "beta", string? method = null) =>
        _beta.Signed(key, origin, path, body, destination, method);

    /// <summary>An outsider's manifest, valid for a day.</summary>
    public static PeerManifest Manifest(INodeSigner key, string name)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return ManifestFactory.Create(key, name, ["heartbeat"], [], "test", TrustTier.Core, now, now + 86_400_000);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_alpha is not null) await _alpha.DisposeAsync();
        if (_beta is not null) await _beta.DisposeAsync();
    }
}

/// <summary>The tests that share one pair of <see cref="TwoClusters"/>; they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class TwoClustersCollection : ICollectionFixture<TwoClusters>
{
    public const string Name = "Two federated clusters";
}
