using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Moecraft.Client;
using Moecraft.Federation;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary>
/// <c>moecraft peers [--node n]</c>: each node's federation peer table and sync clock (SPEC 6);
/// <c>peers discover</c> exchanges manifests with every node in the membership; <c>peers add URL</c> adds a node of another
/// cluster by the address of its HTTP API (its manifest verified first); <c>peers tier PEER TIER</c> sets the tier a
/// node assigns a peer (audited); <c>peers sync PEER</c> pulls a peer's packets; <c>peers resolve KEY</c> shows a key's
/// winner, heads and conflicts.
/// </summary>
internal static class PeersCommand
{
    private const string AllNodes = "Node name (default: every node now in the cluster).";
    private const string OneNode = "Node name (default: the cluster's only node; required when there are several).";

    // Digests and packet ids are shown by their first characters, enough to tell them apart. Node ids are shown whole:
    // 'audit verify --node' and 'policy set --peers' take them whole.
    private const int ShortDigest = 12;
    private const int ShortContent = 60;

    public static Command Create()
    {
        var node = NodeOption.Create(AllNodes);
        var command = new Command("peers", "Show each node's federation peers (tier, liveness, heartbeats, clock digest) and its sync clock.")
        {
            node, CreateDiscover(), CreateAdd(), CreateTier(), CreateSync(), CreateResolve(),
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var tables = await client.GetPeersAsync(parseResult.GetValue(node)).WaitAsync(ct);
                foreach (var table in tables) await ShowAsync(client, table, ct);
                return ExitCodes.Success;
            }));
        return command;
    }

    private static Command CreateDiscover()
    {
        var node = NodeOption.Create(AllNodes);
        var command = new Command("discover", "Exchange manifests with every other node in the cluster's membership (new peers start UNKNOWN).") { node };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var tables = await Terminal.WhileWaitingAsync("Exchanging manifests...",
                    () => client.DiscoverPeersAsync(parseResult.GetValue(node)).WaitAsync(ct));
                foreach (var table in tables)
                {
                    Terminal.Out.MarkupLine(Markup.Escape($"Node {table.Node} knows {Plural(table.Peers.Length, "peer")} after discovery."));
                    await ShowAsync(client, table, ct);
                }
                return ExitCodes.Success;
            }));
        return command;
    }

    private static Command CreateAdd()
    {
        var node = NodeOption.Create(OneNode);
        var address = new Argument<string>("url") { Description = "The other cluster's node: the http(s) URL of its HTTP API, e.g. https://peer.example:8080." };
        address.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!PeerAddress.IsHttpUrl(text))
                result.AddError($"The url must be an absolute http or https URL, got '{text}'.");
        });
        var command = new Command("add", "Add a node of another cluster by address: its manifest is fetched and verified first; it starts UNKNOWN.") { address, node };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var name = await NodeOption.SingleAsync(client, parseResult.GetValue(node), ct);
                var url = parseResult.GetRequiredValue(address);
                var info = await Terminal.WhileWaitingAsync($"Node {name} fetching and verifying the manifest at {url}...",
                    () => client.AddPeerAsync(name, url).WaitAsync(ct));
                Terminal.Out.MarkupLine(Markup.Escape(
                    $"Node {name} added peer {info.Name} ({info.NodeId}) at {info.Address}; rated {TierMatrix.Name(info.Tier)} (set a tier with 'peers tier')."));
                return ExitCodes.Success;
            }));
        return command;
    }

    private static Command CreateTier()
    {
        var node = NodeOption.Create(OneNode);
        var actor = ActorOption.Create();
        var peer = PeerArgument();
        var tier = new Argument<string>("tier") { Description = "CORE, SANDBOX, EXTERNAL or UNKNOWN (only an operator promotes to CORE)." };
        tier.Validators.Add(result =>
        {
            if (ParseTier(result.GetValueOrDefault<string>()) is null)
                result.AddError($"The tier must be CORE, SANDBOX, EXTERNAL or UNKNOWN, got '{result.GetValueOrDefault<string>()}'.");
        });
        var command = new Command("tier", "Set the trust tier a node assigns a peer; audited and journaled. A demotion holds at once.") { peer, tier, node, actor };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var name = await NodeOption.SingleAsync(client, parseResult.GetValue(node), ct);
                var who = parseResult.GetValue(actor) ?? MoecraftClient.DefaultActor;
                var info = await client.SetPeerTierAsync(name, parseResult.GetRequiredValue(peer), ParseTier(parseResult.GetRequiredValue(tier))!.Value, who).WaitAsync(ct);
                Terminal.Out.MarkupLine(Markup.Escape($"Node {name} rates peer {info.Name} ({info.NodeId}) {TierMatrix.Name(info.Tier)}; set by {who}."));
                return ExitCodes.Success;
            }));
        return command;
    }

    private static Command CreateSync()
    {
        var node = NodeOption.Create(OneNode);
        var peer = PeerArgument();
        var command = new Command("sync", "Pull a peer's packets until caught up; each is verified and stored before it counts.") { peer, node };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var name = await NodeOption.SingleAsync(client, parseResult.GetValue(node), ct);
                var from = parseResult.GetRequiredValue(peer);
                // One call to the node's peer grain: a spinner with the time it has taken, on standard error.
                var report = await CliProgress.RunAsync(async progress =>
                {
                    var syncing = progress.Start($"Node {name} syncing from {from} (pulling and verifying packets)");
                    var synced = await client.SyncFromAsync(name, from).WaitAsync(ct);
                    syncing.Complete();
                    return synced;
                });
                ShowReport((await client.GetPeersAsync(name).WaitAsync(ct))[0], report);
                return ExitCodes.Success;
            }));
        return command;
    }

    private static Command CreateResolve()
    {
        var node = NodeOption.Create(OneNode);
        var key = new Argument<string>("key") { Description = "The logical key, e.g. reputation:expert-a or cache:{hash}." }.NotBlank("The key");
        var command = new Command("resolve", "Show how a node resolves a logical key: the winner, the heads and the conflicts.") { key, node };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var name = await NodeOption.SingleAsync(client, parseResult.GetValue(node), ct);
                var view = await client.ResolveKnowledgeAsync(name, parseResult.GetRequiredValue(key)).WaitAsync(ct);
                var table = (await client.GetPeersAsync(name).WaitAsync(ct))[0];
                ShowView(table, view);
                return ExitCodes.Success;
            }));
        return command;
    }

    /// <summary>A node of this cluster, or of another one (its address when added by address).</summary>
    private static string Where(PeerInfo peer) => !peer.Remote ? "this cluster" : peer.Address ?? "other cluster (no address)";

    private static Argument<string> PeerArgument() =>
        new Argument<string>("peer") { Description = "The peer's node name, as the peer table lists it." }.NotBlank("The peer name");

    internal static TrustTier? ParseTier(string? text)
    {
        try
        {
            return TierMatrix.Parse(text ?? "");
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static async Task ShowAsync(MoecraftClient client, FederationPeerTable node, CancellationToken cancellationToken)
    {
        var console = Terminal.Out;
        console.MarkupLine(Markup.Escape($"Node {node.Node} (node id {node.NodeId}): {Plural(node.Peers.Length, "peer")}."));
        if (node.Peers.IsEmpty)
        {
            console.MarkupLine("Run 'moecraft peers discover' to exchange manifests with the other nodes.");
        }
        else
        {
            var table = new Table()
                .AddColumns("peer", "tier", "where", "liveness", "last heartbeat (UTC)", "clock digest", "forked", "experts offered");
            foreach (var peer in node.Peers)
                table.AddRow(
                    Markup.Escape(peer.Name),
                    Tier(peer.Tier),
                    Markup.Escape(Where(peer)),
                    Liveness(peer.Liveness),
                    peer.LastHeartbeat is { } at ? Formatting.UtcTime(DateTimeOffset.FromUnixTimeMilliseconds(at).UtcDateTime) : "-",
                    peer.ClockDigest is { } digest ? Markup.Escape(Short(digest, ShortDigest)) : "-",
                    peer.Forked ? "[red]yes (quarantined)[/]" : "no",
                    peer.Manifest.ExpertsOffered.IsDefaultOrEmpty ? "-" : Markup.Escape(string.Join(", ", peer.Manifest.ExpertsOffered)));
            console.Write(table);
            // Whole ids on their own lines, so they can be copied into 'audit verify --node' or 'policy set --peers'.
            console.MarkupLine("Peer node ids:");
            foreach (var peer in node.Peers) console.MarkupLine(Markup.Escape($"  {peer.Name}: {peer.NodeId}"));
        }

        ImmutableArray<FeedPosition> clock;
        try
        {
            clock = await client.GetFederationClockAsync(node.Node).WaitAsync(cancellationToken);
        }
        catch (FederationRefusedException ex)
        {
            // The peer table is still worth showing; a node with federation disabled simply has no clock to report.
            console.MarkupLine($"[yellow]{Markup.Escape($"Clock of node {node.Node}: {ex.Message}")}[/]");
            return;
        }
        ShowClock(node, clock);
    }

    private static void ShowClock(FederationPeerTable node, ImmutableArray<FeedPosition> clock)
    {
        var console = Terminal.Out;
        if (clock.IsDefaultOrEmpty)
        {
            console.MarkupLine(Markup.Escape($"Clock of node {node.Node}: empty (no packets held)."));
            return;
        }
        console.MarkupLine(Markup.Escape($"Clock of node {node.Node} (origin -> highest contiguous seq):"));
        foreach (var position in clock)
            console.MarkupLine(Markup.Escape($"  {Origin(node, position.Origin)} -> {position.Seq.ToString(CultureInfo.InvariantCulture)}"));
    }

    private static void ShowReport(FederationPeerTable table, SyncReport report)
    {
        var node = table.Node;
        var console = Terminal.Out;
        var rejected = report.Rejected.IsDefault ? [] : report.Rejected;
        console.MarkupLine(Markup.Escape(
            $"Node {node} synced from {report.Peer}: {Plural(report.Batches, "batch", "batches")}, {report.Accepted} accepted " +
            $"({report.Quarantined} of them quarantined), {report.Duplicates} already held, {rejected.Length} rejected."));
        foreach (var reason in rejected) console.MarkupLine($"[yellow]  rejected: {Markup.Escape(reason)}[/]");
        var clock = report.Clock.IsDefaultOrEmpty ? [] : report.Clock;
        console.MarkupLine(Markup.Escape(clock.Length == 0 ? $"Clock of node {node}: empty." : $"Clock of node {node} after the sync:"));
        foreach (var position in clock)
            console.MarkupLine(Markup.Escape($"  {Origin(table, position.Origin)} -> {position.Seq.ToString(CultureInfo.InvariantCulture)}"));
    }

    private static void ShowView(FederationPeerTable node, KnowledgeView view)
    {
        var console = Terminal.Out;
        var heads = view.Heads.IsDefault ? [] : view.Heads;
        var conflicts = view.Conflicts.IsDefault ? [] : view.Conflicts;
        if (view.Winner is not { } winner)
        {
            console.MarkupLine(Markup.Escape($"Node {node.Node} serves nothing for key '{view.Key}'."));
            return;
        }
        console.MarkupLine(Markup.Escape(
            $"Key '{view.Key}' on node {node.Node}: winner {Short(winner.Id, ShortDigest)} from {Origin(node, winner.Origin)} " +
            $"(seq {winner.Seq}, {winner.Kind.ToString().ToLowerInvariant()}); {Plural(heads.Length, "head")}, {Plural(conflicts.Length, "conflict")}."));
        console.MarkupLine(Markup.Escape($"Content: {winner.Content}"));
        var table = new Table().Title(Markup.Escape($"Heads of '{view.Key}' (not superseded)"))
            .AddColumns("role", "packet", "origin", "seq", "written (UTC)", "kind", "content");
        foreach (var head in heads)
            table.AddRow(
                head.Id == winner.Id ? "[green]winner[/]" : "[yellow]conflict[/]",
                Markup.Escape(Short(head.Id, ShortDigest)),
                Markup.Escape(Origin(node, head.Origin, withId: false)),
                head.Seq.ToString(CultureInfo.InvariantCulture),
                Formatting.UtcTime(DateTimeOffset.FromUnixTimeMilliseconds(head.Timestamp).UtcDateTime),
                head.Kind.ToString().ToLowerInvariant(),
                Markup.Escape(Short(head.Content, ShortContent)));
        console.Write(table);
    }

    // An origin (node id) by the name this node knows it by, when it knows it; with its whole id unless a table column is short of room.
    private static string Origin(FederationPeerTable node, string origin, bool withId = true)
    {
        if (origin == node.NodeId) return $"{node.Node} (this node)";
        if (node.Peers.FirstOrDefault(p => p.NodeId == origin) is not { } peer) return origin;
        return withId ? $"{peer.Name} ({origin})" : peer.Name;
    }

    private static string Tier(TrustTier tier) => tier switch
    {
        TrustTier.Core => "[green]CORE[/]",
        TrustTier.Sandbox => "[yellow]SANDBOX[/]",
        _ => TierMatrix.Name(tier),
    };

    private static string Liveness(PeerLiveness liveness) => liveness switch
    {
        PeerLiveness.Alive => "[green]alive[/]",
        PeerLiveness.Suspect => "[yellow]suspect[/]",
        PeerLiveness.Dead => "[red]dead[/]",
        _ => "unseen",
    };

    private static string Short(string text, int length) => text.Length <= length + 3 ? text : text[..length] + "...";

    private static string Plural(int count, string one, string? many = null) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? one : many ?? one + "s")}";
}
