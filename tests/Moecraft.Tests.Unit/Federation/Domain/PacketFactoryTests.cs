using System.Collections.Immutable;
using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>The factory refuses every malformed draft or feed link with an <see cref="ArgumentException"/> naming the problem.</summary>
public sealed class PacketFactoryTests
{
    private static readonly string IdA = new('a', 64);

    private static PacketDraft Valid => PacketSamples.Draft();

    // Only the names go into the theory, so test names stay short; the cases are built here.
    private static (PacketDraft Draft, long Seq, string? Prev, long Timestamp, string Expected) Case(string name) => name switch
    {
        "undefined kind" => (Valid with { Kind = (PacketKind)7 }, 1, null, 0, "kind 7"),
        "empty key" => (Valid with { Key = "" }, 1, null, 0, "key is empty"),
        "long key" => (Valid with { Key = new string('k', 201) }, 1, null, 0, "at most 200"),
        "control char in key" => (Valid with { Key = "cache:\u0007" }, 1, null, 0, "control character U+0007"),
        "DEL in key" => (Valid with { Key = "cache:\u007f" }, 1, null, 0, "control character U+007F"),
        "lone surrogate in key" => (Valid with { Key = "cache:\ud800" }, 1, null, 0, "lone surrogate"),
        "content not JSON" => (Valid with { Content = "{score:7}" }, 1, null, 0, "content is not JSON"),
        "empty content" => (Valid with { Content = "" }, 1, null, 0, "content is empty"),
        "float content" => (Valid with { Content = """{"score":0.5}""" }, 1, null, 0, "Floats"),
        "duplicate key in content" => (Valid with { Content = """{"a":1,"a":2}""" }, 1, null, 0, "Duplicate key"),
        "content too large" => (Valid with { Content = "\"" + new string('x', PacketRules.MaxContentBytes) + "\"" }, 1, null, 0, "at most 65536"),
        "content too deep" => (Valid with { Content = new string('[', 33) + new string(']', 33) }, 1, null, 0, "nests deeper than 32"),
        "dep not hex" => (Valid with { Deps = ["not-an-id"] }, 1, null, 0, "deps holds 'not-an-id'"),
        "dep upper-case hex" => (Valid with { Deps = [new string('A', 64)] }, 1, null, 0, "not a packet id"),
        "dep too short" => (Valid with { Deps = [new string('a', 63)] }, 1, null, 0, "not a packet id"),
        "duplicate dep" => (Valid with { Deps = [IdA, IdA] }, 1, null, 0, "deps lists " + IdA + " twice"),
        "duplicate supersedes" => (Valid with { Supersedes = [IdA, IdA] }, 1, null, 0, "supersedes lists"),
        "supersedes not hex" => (Valid with { Supersedes = ["zz"] }, 1, null, 0, "supersedes holds 'zz'"),
        "missing deps" => (Valid with { Deps = default }, 1, null, 0, "deps is missing"),
        "empty source" => (Valid with { Sources = ["node-a", ""] }, 1, null, 0, "source 1 is empty"),
        "too many sources" => (Valid with { Sources = [.. Enumerable.Range(0, 33).Select(i => $"s{i}")] }, 1, null, 0, "at most 32"),
        "control char in source" => (Valid with { Sources = ["a\nb"] }, 1, null, 0, "source 0 holds control character"),
        "seq 0" => (Valid, 0, null, 0, "seq 0 is below 1"),
        "seq beyond 2^53" => (Valid, 9_007_199_254_740_992, IdA, 0, "beyond"),
        "prev on seq 1" => (Valid, 1, IdA, 0, "prev must be null for seq 1"),
        "no prev on seq 2" => (Valid, 2, null, 0, "prev is null but seq is 2"),
        "prev not an id" => (Valid, 2, "abc", 0, "prev 'abc' is not a packet id"),
        "negative timestamp" => (Valid, 1, null, -1, "timestamp -1"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static TheoryData<string> Invalid =>
    [
        "undefined kind",
        "empty key",
        "long key",
        "control char in key",
        "DEL in key",
        "lone surrogate in key",
        "content not JSON",
        "empty content",
        "float content",
        "duplicate key in content",
        "content too large",
        "content too deep",
        "dep not hex",
        "dep upper-case hex",
        "dep too short",
        "duplicate dep",
        "duplicate supersedes",
        "supersedes not hex",
        "missing deps",
        "empty source",
        "too many sources",
        "control char in source",
        "seq 0",
        "seq beyond 2^53",
        "prev on seq 1",
        "no prev on seq 2",
        "prev not an id",
        "negative timestamp",
    ];

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_drafts_and_links_are_refused_with_the_problem_named(string name)
    {
        var (draft, seq, prev, timestamp, expected) = Case(name);
        using var signer = PacketSamples.SignerA();

        var error = Assert.Throws<ArgumentException>(() => PacketFactory.Create(draft, seq, prev, timestamp, signer));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{name}: '{error.Message}' does not mention '{expected}'.");
    }

    [Fact]
    public void Content_is_canonicalised_and_the_limits_themselves_are_accepted()
    {
        using var signer = PacketSamples.SignerA();
        // 64 KiB exactly once canonical (65534 x between quotes), a 200-character key, 32 sources, 64 deps, 32 levels of nesting.
        var draft = new PacketDraft(
            PacketKind.Annotate,
            new string('k', 200),
            "\"" + new string('x', PacketRules.MaxContentBytes - 2) + "\"",
            [.. Enumerable.Range(0, 64).Select(PacketSamples.Id)],
            [],
            [.. Enumerable.Range(0, 32).Select(i => $"source-{i}")]);

        var packet = PacketFactory.Create(draft, 1, null, 0, signer);
        // 31 arrays around an object: exactly 32 levels.
        var deepest = PacketFactory.Create(PacketSamples.Draft(content: new string('[', 31) + "{\"a\":1}" + new string(']', 31)), 1, null, 0, signer);
        var normalised = PacketFactory.Create(PacketSamples.Draft(content: """ {"b": 1e2, "a": [ -0 ]} """), 1, null, 0, signer);

        Assert.Null(PacketVerifier.Failure(packet));
        Assert.Equal("""{"a":[0],"b":100}""", normalised.Content);
        Assert.Null(PacketVerifier.Failure(normalised));
        Assert.Null(PacketVerifier.Failure(deepest));
    }

    [Fact]
    public void A_second_packet_links_to_the_first_and_both_carry_the_signers_origin()
    {
        using var signer = PacketSamples.SignerA();
        var first = PacketFactory.Create(PacketSamples.Draft(), 1, null, 10, signer);
        var second = PacketFactory.Create(PacketSamples.Draft(content: """{"score":8}"""), 2, first.Id, 20, signer);

        Assert.Equal(first.Id, second.Prev);
        Assert.Equal(signer.NodeId, second.Origin);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(ImmutableArray<string>.Empty, second.Deps);
        Assert.Null(PacketVerifier.Failure(second));
    }
}
