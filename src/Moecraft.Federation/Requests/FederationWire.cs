using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Moecraft.Experts;

namespace Moecraft.Federation;

/// <summary>
/// The federation surface over HTTP (between clusters): its routes, the JSON of its bodies, and what each route asks in
/// the tier matrix. Only these routes exist; both ends use this class, so they cannot disagree.
/// </summary>
public static class FederationWire
{
    public const string Prefix = "/federation/v1";

    /// <summary>GET: this node's manifest, unsigned request (anyone may read it). POST: a signed manifest exchange.</summary>
    public const string Manifest = Prefix + "/manifest";

    public const string Heartbeat = Prefix + "/heartbeat";

    public const string Pull = Prefix + "/pull";

    public const string Packets = Prefix + "/packets";

    public const string Push = Prefix + "/push";

    /// <summary>POST <c>/federation/v1/experts/{expert}/query</c>.</summary>
    public static string Query(string expertId) => $"{Prefix}/experts/{Uri.EscapeDataString(expertId)}/query";

    /// <summary>camelCase, enums as strings, a default array as <c>[]</c>: the same for every body in both directions.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new EmptyWhenDefaultArrayConverter() },
        MaxDepth = 32,
    };

    /// <summary>The largest body either end reads (a batch of 100 packets fits many times over).</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;
}

/// <summary>Body of a pull: the sender's clock and how many packets it wants.</summary>
public sealed record PullBody(ImmutableArray<FeedPosition> Clock, int Max);

/// <summary>Body of a fetch of packets by id (missing dependencies).</summary>
public sealed record PacketIdsBody(ImmutableArray<string> Ids);

/// <summary>Body of a push, and the answer to a fetch by id.</summary>
public sealed record PacketsBody(ImmutableArray<KnowledgePacket> Packets);

/// <summary>Body of an expert query.</summary>
public sealed record ExpertQueryBody(ExpertRequest Request);

/// <summary>The body of every refusal: why, in words.</summary>
public sealed record FederationErrorBody(string Error);
