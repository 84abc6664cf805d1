using Moecraft.Federation;

namespace Moecraft.Benchmarks.FedSync;

/// <summary>The federation nodes one <c>fedsync</c> measurement runs on: silos of one cluster, or clusters of their own.</summary>
internal interface IFedSyncNodes : IAsyncDisposable
{
    /// <summary>Where the nodes run and how they reach each other, for the report.</summary>
    string Description { get; }

    /// <summary>The node names, in start order.</summary>
    IReadOnlyList<string> Nodes { get; }

    IFederationPeerGrain Peer(string node);

    /// <summary>Until every node has every other in its peer table (by discovery in a cluster, by address across clusters).</summary>
    Task ConnectPeersAsync();

    /// <summary>
    /// The processor time the nodes have used so far: their silo processes', or this process's when the silos run in it
    /// (which then includes the bench's own client calls).
    /// </summary>
    TimeSpan ProcessorTime();

    /// <summary>The size of the nodes' database files in bytes.</summary>
    long DatabaseBytes();
}
