using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Moecraft.Audit;
using Moecraft.Experts;
using Moecraft.Lifecycle;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;
using Moecraft.Tests.RouterLayer;

namespace Moecraft.Tests.Api.Management;

/// <summary>
/// Operators' lifecycle actions through the HTTP API (cool, archive, restore an expert; apply a lifecycle decision) are
/// audited and journaled under the acting admin key's name; a refused action audits nothing.
/// </summary>
[Collection(ManagementSiloCollection.Name)]
public sealed class AuditedActionsTests(ManagementSilo silo)
{
    private const string KeyName = "night-ops";
    private const string Actor = KeyName + "@http";

    private HttpClient Http => silo.Http;

    private IAuditLogGrain AuditLog => silo.Client.Cluster.GetGrain<IAuditLogGrain>(AuditLogs.Cluster);

    [Fact]
    public async Task Cooling_an_expert_with_a_named_admin_key_is_audited_and_journaled_under_that_key_s_name()
    {
        var key = await AdminKeyAsync();
        var expertId = TestExperts.UniqueId("audited");
        await RegisterAsync(expertId);
        var before = await AuditLog.GetHead();

        using (var cooled = await SendAsync(HttpMethod.Post, $"/moecraft/experts/{expertId}/status", key, new { status = "cooling" }))
            Assert.Equal("cooling", (await JsonAsync(cooled)).GetProperty("status").GetString());

        var entries = await EntriesAfterAsync(before);
        var moved = Assert.Single(entries, e => e.Kind == OperatorActions.ExpertStatusKind);
        Assert.Equal(Actor, moved.Actor);
        Assert.Contains($"\"expert\":\"{expertId}\"", moved.Payload, StringComparison.Ordinal);
        Assert.Contains("\"to\":\"cooling\"", moved.Payload, StringComparison.Ordinal);
        var slot = Assert.Single(entries, e => e.Kind == OperatorActions.RosterStatusKind);
        Assert.Equal(Actor, slot.Actor);
        Assert.Contains("\"router\":\"default\"", slot.Payload, StringComparison.Ordinal);

        Assert.Contains($"Expert '{expertId}' moved from active to cooling by {Actor}.", await JournalTextsAsync());
        using var history = await SendAsync(HttpMethod.Get, "/moecraft/routers/default/health/history", key);
        var epochs = (await JsonAsync(history)).GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("reason").GetString()).ToList();
        Assert.Equal($"expert '{expertId}' moved to Cooling by {Actor}", epochs[^1]);
    }

    [Fact]
    public async Task A_refused_move_or_apply_audits_nothing_and_journals_nothing()
    {
        var key = await AdminKeyAsync();
        var expertId = TestExperts.UniqueId("refused");
        await RegisterAsync(expertId);
        var before = await AuditLog.GetHead();
        // The router's keepers journal the epoch the registration began on their own turn: wait for it, so that it is not
        // taken for an entry of the refused actions.
        var journalBefore = await Eventually.Succeeds(async () =>
        {
            var texts = await JournalTextsAsync();
            return texts.Any(text => text.Contains($"expert '{expertId}' joined slot", StringComparison.Ordinal))
                ? texts
                : throw new InvalidOperationException($"The registration of {expertId} is not journaled yet.");
        }, TimeSpan.FromSeconds(30), "the registration's epoch in the journal");

        // Active cannot move straight to archived; decision 999999 does not exist.
        using (var skipped = await SendAsync(HttpMethod.Post, $"/moecraft/experts/{expertId}/status", key, new { status = "archived" }))
            Assert.Equal(HttpStatusCode.Conflict, skipped.StatusCode);
        using (var unknown = await SendAsync(HttpMethod.Post, "/moecraft/routers/default/lifecycle/999999/apply", key))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        Assert.DoesNotContain(await EntriesAfterAsync(before), e => e.Actor == Actor);
        Assert.DoesNotContain(await JournalTextsAsync(), text => text.Contains(expertId, StringComparison.Ordinal) && !journalBefore.Contains(text));
        using var expert = await SendAsync(HttpMethod.Get, $"/moecraft/experts/{expertId}", key);
        Assert.Equal("active", (await JsonAsync(expert)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_lifecycle_decision_applied_with_a_named_admin_key_is_audited_and_journaled_under_that_key_s_name_once()
    {
        var key = await AdminKeyAsync();
        var (routerId, proposal) = await RouterWithAProposalAsync();
        var before = await AuditLog.GetHead();

        using (var applied = await SendAsync(HttpMethod.Post, $"/moecraft/routers/{routerId}/lifecycle/{proposal}/apply", key))
            Assert.Equal("applied", (await JsonAsync(applied)).GetProperty("status").GetString());
        using (var again = await SendAsync(HttpMethod.Post, $"/moecraft/routers/{routerId}/lifecycle/{proposal}/apply", key))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var entries = await EntriesAfterAsync(before);
        var apply = Assert.Single(entries, e => e.Kind == OperatorActions.DecisionAppliedKind);
        Assert.Equal(Actor, apply.Actor);
        Assert.Contains($"\"decision\":{proposal}", apply.Payload, StringComparison.Ordinal);
        Assert.Contains($"\"router\":\"{routerId}\"", apply.Payload, StringComparison.Ordinal);
        Assert.Contains(await JournalTextsAsync(), text => text.StartsWith($"Router '{routerId}' applied lifecycle decision {proposal} by {Actor}:", StringComparison.Ordinal));
    }

    /// <summary>A neural router whose noisy expert it proposes to prune (as in the router layer's own tests).</summary>
    private async Task<(string RouterId, long Proposal)> RouterWithAProposalAsync()
    {
        const int width = 6, dimension = 8;
        var routerId = TestExperts.UniqueId("audited-layer");
        var router = silo.Client.Cluster.GetGrain<IRouterLayerGrain>(routerId);
        await router.Configure(RouterConfiguration.Default with { Width = width, InputDimension = dimension, TopK = 2 });
        for (var e = 0; e < 5; e++)
        {
            var expertId = $"{routerId}-e{e}";
            await silo.Client.Cluster.GetGrain<IExpertGrain>(expertId).Register(TestExperts.Simulated(expertId));
            await router.RegisterExpert(expertId);
        }
        await router.UpdateSettings(new RouterSettings(RouterKind.NeuralLayer, ExecuteLifecycle: false, LifecycleInterval: 50, SlowHalfLife: 100));
        var traces = new SyntheticTraces(width, dimension, seed: 2);
        traces.NoiseExperts.Add(1);
        bool[] mask = [true, true, true, true, true, false];
        // The trainer's part: the ablation tests the router asks for come back with the next trace (a prune needs them).
        for (var step = 0; step < 400; step++) traces.Ablate(await router.ObserveTrace(traces.Step(mask)));
        var proposal = (await router.GetProposals()).Last(d => d.Status == LifecycleDecisionStatus.Proposed);
        return (routerId, proposal.Id);
    }

    private async Task<string> AdminKeyAsync()
    {
        var tenant = TestExperts.UniqueId("ops");
        using (var created = await Http.PostAsJsonAsync("/moecraft/tenants", new { id = tenant, budget = 10 }))
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        using var issued = await Http.PostAsJsonAsync("/moecraft/keys", new { tenant, name = KeyName, admin = true });
        return (await JsonAsync(issued)).GetProperty("key").GetString()!;
    }

    private async Task RegisterAsync(string expertId)
    {
        using var registered = await Http.PutAsJsonAsync($"/moecraft/experts/{expertId}", new { backend = "simulated", model = "sim-audit", tier = "local" });
        await JsonAsync(registered);
    }

    private async Task<List<AuditEntry>> EntriesAfterAsync(AuditHead before)
    {
        var entries = new List<AuditEntry>();
        for (var from = before.NextSequence; ; from = entries[^1].Sequence + 1)
        {
            var page = await AuditLog.Read(from, 1000);
            if (page.IsDefaultOrEmpty) return entries;
            entries.AddRange(page);
        }
    }

    private async Task<List<string>> JournalTextsAsync()
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var response = await Http.GetAsync(new Uri($"/moecraft/journal?day={today}&node=process-test", UriKind.Relative));
        var days = await JsonAsync(response);
        return [.. days.EnumerateArray().SelectMany(d => d.GetProperty("entries").EnumerateArray()).Select(e => e.GetProperty("text").GetString()!)];
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await Http.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
