using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Moecraft.Audit;
using Moecraft.Canonical;
using Moecraft.Journal;

namespace Moecraft.Governance;

/// <summary>
/// Versioned policies and the kill switch (SPEC 7). Every change is written first, then pushed to the
/// <see cref="GovernanceCache"/> of every active silo (through each silo's <see cref="GovernanceCacheGrain"/>), and only
/// then acknowledged: once <see cref="Halt"/> returns, no silo's request path starts new work. A silo that cannot be
/// reached but is still a member fails the call (the change stays saved and reaches that silo on its next refresh);
/// a silo that died meanwhile is skipped. Changes are recorded as events, in the node's journal and in the cluster audit
/// log, whose entry is stored with the change in an <see cref="AuditOutbox"/> so that no stored change goes unaudited.
/// </summary>
[GrainType("governance")]
public sealed partial class GovernanceGrain(
    [PersistentState("governance", MoecraftStorage.Name)] IPersistentState<GovernanceState> state,
    Journalist journalist,
    TimeProvider time,
    ILogger<GovernanceGrain> logger) : Grain, IGovernanceGrain
{
    /// <summary>Who "set" the built-in default policy, version 0.</summary>
    public const string DefaultActor = "default";

    private AuditOutbox _audit = null!;

    private string GovernanceId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        GovernanceIds.Validate(GovernanceId, "key");
        _audit = AuditOutbox.ForGrain(this, GrainFactory, () => state.State.Audit, update => WriteAsync(s => s.Audit = update(s.Audit)), logger);
        return Task.CompletedTask;
    }

    public Task<GovernanceSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public Task<PolicyVersion> GetPolicy() => Task.FromResult(Current());

    public Task<PolicyVersion> GetPolicyVersion(long version) =>
        Task.FromResult(History().FirstOrDefault(v => v.Version == version)
            ?? throw new ArgumentException($"Governance '{GovernanceId}' has no policy version {version}; versions are 0 to {Current().Version}.", nameof(version)));

    public Task<ImmutableArray<PolicyVersion>> GetPolicyHistory() => Task.FromResult(History().ToImmutableArray());

    public async Task<PolicyVersion> SetPolicy(GovernancePolicy policy, string actor, long? expectedVersion = null)
    {
        GovernancePolicyValidator.ValidateActor(actor);
        GovernancePolicyValidator.Validate(policy);
        var current = Current();
        if (expectedVersion is { } expected && expected != current.Version)
            throw new InvalidOperationException(
                $"Governance '{GovernanceId}' is at policy version {current.Version}, not {expected}: read the policy again and retry.");
        if (policy == current.Policy) return current;

        var now = time.GetUtcNow();
        var version = new PolicyVersion(current.Version + 1, policy, actor, now);
        var text = $"Policy version {version.Version} set by {actor}: {PolicyText.Describe(current.Policy, policy)}";
        await ChangeAsync(s => s.Versions.Add(version), GovernanceEventKind.PolicyChanged, actor, now, text);
        LogPolicyChanged(logger, GovernanceId, version.Version, actor);
        await PushThenRecordAsync(JournalKinds.PolicyChange, text);
        return version;
    }

    public async Task<HaltState> Halt(string actor, string reason)
    {
        GovernancePolicyValidator.ValidateActor(actor);
        GovernancePolicyValidator.ValidateReason(reason);
        string? text = null;
        if (!state.State.Halt.Halted)
        {
            var now = time.GetUtcNow();
            text = $"Halted by {actor}: {reason}";
            await ChangeAsync(s => s.Halt = new HaltState(true, reason, actor, now), GovernanceEventKind.Halted, actor, now, text);
            LogHalted(logger, GovernanceId, actor, reason);
        }
        // Pushed even when already halted: a repeated halt is acknowledged only once every silo refuses work.
        await PushThenRecordAsync(JournalKinds.Halt, text);
        return state.State.Halt;
    }

    public async Task<HaltState> Resume(string actor)
    {
        GovernancePolicyValidator.ValidateActor(actor);
        string? text = null;
        if (state.State.Halt.Halted)
        {
            var now = time.GetUtcNow();
            text = $"Resumed by {actor}; halted since {state.State.Halt.Since?.ToString("u", CultureInfo.InvariantCulture)}";
            await ChangeAsync(s => s.Halt = HaltState.Running, GovernanceEventKind.Resumed, actor, now, text);
            LogResumed(logger, GovernanceId, actor);
        }
        await PushThenRecordAsync(JournalKinds.Resume, text);
        return state.State.Halt;
    }

    public Task<ImmutableArray<GovernanceEvent>> GetEvents() => Task.FromResult(state.State.Events.ToImmutableArray());

    // Stores the change with its event and, in the outbox, its audit entry (SPEC 5.4), sent by PushThenRecordAsync.
    private Task ChangeAsync(Action<GovernanceState> change, GovernanceEventKind kind, string actor, DateTimeOffset at, string text) => WriteAsync(next =>
    {
        next.Revision++;
        change(next);
        next.Events.Add(new GovernanceEvent(next.Revision, at, actor, kind, text));
        var payload = new JsonObject
        {
            ["governance"] = GovernanceId,
            ["revision"] = next.Revision,
            ["text"] = text,
        };
        next.Audit = _audit.Add(next.Audit, new AuditRecord(AuditKind(kind), actor, Encoding.UTF8.GetString(CanonicalJson.Serialize(payload))));
    });

    // Applies the change to a copy and writes it; the state changes only when the write succeeded.
    private Task WriteAsync(Action<GovernanceState> change)
    {
        var next = state.State.Copy();
        change(next);
        return state.WriteNextAsync(next);
    }

    private static string AuditKind(GovernanceEventKind kind) => kind switch
    {
        GovernanceEventKind.PolicyChanged => "governance.policy",
        GovernanceEventKind.Halted => "governance.halt",
        GovernanceEventKind.Resumed => "governance.resume",
        _ => "governance." + kind.ToString().ToLowerInvariant(),
    };

    // The push first, so a halt takes effect as soon as it can; the audit entry and the journal line are written even when
    // a silo missed it (an entry the log cannot take now waits in the outbox and is retried).
    private async Task PushThenRecordAsync(string kind, string? text)
    {
        try
        {
            await PushAsync();
        }
        finally
        {
            await _audit.FlushAsync();
            if (text is not null) await journalist.RecordAsync(kind, $"Governance '{GovernanceId}': {text}.");
        }
    }

    private async Task PushAsync()
    {
        var snapshot = Snapshot();
        var management = GrainFactory.GetGrain<IManagementGrain>(0);
        var silos = await management.GetHosts(onlyActive: true);
        var failures = new List<(SiloAddress Silo, Exception Error)>();
        await Task.WhenAll(silos.Keys.Select(async silo =>
        {
            try
            {
                await GrainFactory.GetGrain<IGovernanceCacheGrain>(GovernanceCacheGrain.KeyOf(silo)).Apply(snapshot);
            }
            catch (Exception ex)
            {
                lock (failures) failures.Add((silo, ex));
            }
        }));
        if (failures.Count == 0) return;

        // A silo that left the cluster meanwhile starts no work; one still listed must not be assumed to have seen the change.
        var active = await management.GetHosts(onlyActive: true);
        var missed = failures.Where(f => active.ContainsKey(f.Silo)).ToList();
        if (missed.Count == 0) return;
        LogPushFailed(logger, missed[0].Error, GovernanceId, missed.Count);
        throw new InvalidOperationException(
            $"Governance '{GovernanceId}' saved revision {snapshot.Revision}, but {missed.Count} silo(s) ({string.Join(", ", missed.Select(m => m.Silo))}) " +
            $"did not confirm it; they pick it up within {GovernanceCache.RefreshAfter.TotalSeconds:0} s. Repeat the command to confirm.",
            missed[0].Error);
    }

    private GovernanceSnapshot Snapshot() => new(GovernanceId, state.State.Revision, Current(), state.State.Halt);

    private PolicyVersion Current() => state.State.Versions.Count > 0 ? state.State.Versions[^1] : DefaultVersion;

    private IEnumerable<PolicyVersion> History() => state.State.Versions.Prepend(DefaultVersion);

    private static PolicyVersion DefaultVersion { get; } = new(0, GovernancePolicy.Default, DefaultActor, DateTimeOffset.UnixEpoch);
}
