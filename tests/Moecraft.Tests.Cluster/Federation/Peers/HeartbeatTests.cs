using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Peers;

/// <summary>Heartbeats: the canonical form against independently computed vectors, signing, and the verifier's refusals.</summary>
public sealed class HeartbeatTests
{
    private const long Now = FederationVectors.SentAt + 1_000;

    [Fact]
    public void The_canonical_form_and_signature_match_the_known_answer()
    {
        using var signer = FederationVectors.Signer();
        var heartbeat = HeartbeatFactory.Create(signer, "node-a", ClockDigest.Empty, FederationVectors.Checkpoint, FederationVectors.SentAt);

        Assert.Equal(FederationVectors.HeartbeatText, HeartbeatCanonical.Text(heartbeat));
        Assert.Equal(FederationVectors.HeartbeatSignature, heartbeat.Signature);
        Assert.Null(HeartbeatVerifier.Failure(heartbeat, Now));
    }

    [Fact]
    public void Without_a_checkpoint_the_field_is_null()
    {
        using var signer = FederationVectors.Signer();
        var heartbeat = HeartbeatFactory.Create(signer, "node-a", ClockDigest.Empty, null, FederationVectors.SentAt);

        Assert.Equal(FederationVectors.HeartbeatWithoutCheckpointText, HeartbeatCanonical.Text(heartbeat));
        Assert.Equal(FederationVectors.HeartbeatWithoutCheckpointSignature, heartbeat.Signature);
        Assert.Null(HeartbeatVerifier.Failure(heartbeat, Now));
    }

    public static TheoryData<string, Func<Heartbeat, Heartbeat>> Tampered => new()
    {
        { "name", h => h with { Name = "node-b" } },
        { "clock digest", h => h with { ClockDigest = new string('0', 64) } },
        { "sent at", h => h with { SentAt = h.SentAt + 1 } },
        { "checkpoint dropped", h => h with { Checkpoint = null } },
        { "signature", h => h with { Signature = "A" + h.Signature[1..] } },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public void A_tampered_heartbeat_fails_its_signature(string field, Func<Heartbeat, Heartbeat> tamper)
    {
        using var signer = FederationVectors.Signer();
        var heartbeat = HeartbeatFactory.Create(signer, "node-a", ClockDigest.Empty, FederationVectors.Checkpoint, FederationVectors.SentAt);
        var failure = HeartbeatVerifier.Failure(tamper(heartbeat), Now);
        Assert.True(failure is not null && failure.StartsWith("bad signature", StringComparison.Ordinal), $"{field}: {failure}");
    }

    [Fact]
    public void A_checkpoint_with_a_bad_signature_is_refused_even_when_the_heartbeat_signs_it()
    {
        using var signer = FederationVectors.Signer();
        var forged = FederationVectors.Checkpoint with { Size = 4 };
        var heartbeat = HeartbeatFactory.Create(signer, "node-a", ClockDigest.Empty, forged, FederationVectors.SentAt);
        Assert.StartsWith("checkpoint bad signature", HeartbeatVerifier.Failure(heartbeat, Now));
        Assert.Null(HeartbeatVerifier.CheckpointFailure(FederationVectors.Checkpoint));
    }

    [Fact]
    public void Send_time_must_be_within_five_minutes_of_the_receivers_clock()
    {
        using var signer = FederationVectors.Signer();
        var heartbeat = HeartbeatFactory.Create(signer, "node-a", ClockDigest.Empty, null, FederationVectors.SentAt);
        Assert.Null(HeartbeatVerifier.Failure(heartbeat, FederationVectors.SentAt - 300_000));
        Assert.StartsWith("sent in the future", HeartbeatVerifier.Failure(heartbeat, FederationVectors.SentAt - 300_001));
        Assert.Null(HeartbeatVerifier.Failure(heartbeat, FederationVectors.SentAt + 300_000));
        Assert.StartsWith("stale", HeartbeatVerifier.Failure(heartbeat, FederationVectors.SentAt + 300_001));
    }

    public static TheoryData<string, Func<Heartbeat, Heartbeat>> Garbage => new()
    {
        { "null name", h => h with { Name = null! } },
        { "bad node id", h => h with { NodeId = "x" } },
        { "upper-case digest", h => h with { ClockDigest = h.ClockDigest.ToUpperInvariant() } },
        { "null digest", h => h with { ClockDigest = null! } },
        { "negative time", h => h with { SentAt = -1 } },
        { "huge time", h => h with { SentAt = long.MaxValue } },
        { "null signature", h => h with { Signature = null! } },
        { "checkpoint with null log", h => h with { Checkpoint = FederationVectors.Checkpoint with { LogId = null! } } },
        { "checkpoint with bad node", h => h with { Checkpoint = FederationVectors.Checkpoint with { NodeId = "?" } } },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_is_refused_without_throwing(string what, Func<Heartbeat, Heartbeat> spoil)
    {
        using var signer = FederationVectors.Signer();
        var heartbeat = HeartbeatFactory.Create(signer, "node-a", ClockDigest.Empty, FederationVectors.Checkpoint, FederationVectors.SentAt);
        Assert.False(HeartbeatVerifier.Failure(spoil(heartbeat), Now) is null, what);
        Assert.Equal("no heartbeat", HeartbeatVerifier.Failure(null, Now));
    }

    [Fact]
    public void The_factory_refuses_bad_input()
    {
        using var signer = FederationVectors.Signer();
        Assert.Throws<ArgumentException>(() => HeartbeatFactory.Create(signer, "", ClockDigest.Empty, null, 1));
        Assert.Throws<ArgumentException>(() => HeartbeatFactory.Create(signer, "n", "abc", null, 1));
        Assert.Throws<ArgumentException>(() => HeartbeatFactory.Create(signer, "n", ClockDigest.Empty, null, -1));
    }
}
