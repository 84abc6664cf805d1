using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Moecraft.Audit.Verification;
using Moecraft.Routing;
using Moecraft.Tests.Federation.Peers;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Api.Management;

/// <summary>The management endpoints under <c>/moecraft</c> against the real silo, as the local tenant with admin rights.</summary>
[Collection(ManagementSiloCollection.Name)]
public sealed class ManagementEndpointsTests(ManagementSilo silo)
{
    private HttpClient Http => silo.Http;

    [Fact]
    public async Task Feedback_without_a_score_or_a_preference_is_a_400_problem_that_says_why()
    {
        using var response = await Http.PostAsJsonAsync("/moecraft/feedback", new { requestId = "r-1" });
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("score", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_on_a_request_the_tenant_never_made_is_a_404_problem()
    {
        using var response = await Http.PostAsJsonAsync("/moecraft/feedback", new { requestId = "never-asked", score = 0.9 });
        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_router_is_a_404_problem_and_a_malformed_day_a_400_problem()
    {
        using (var unknown = await Http.GetAsync(new Uri("/moecraft/routers/no-such-router/health", UriKind.Relative)))
        {
            var problem = await ProblemAsync(unknown, HttpStatusCode.NotFound);
            Assert.Contains("no-such-router", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        using var malformed = await Http.GetAsync(new Uri("/moecraft/journal?day=14.03.2026", UriKind.Relative));
        var bad = await ProblemAsync(malformed, HttpStatusCode.BadRequest);
        Assert.Contains("yyyy-MM-dd", bad.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_and_a_path_that_does_not_exist_are_problems_too()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using var malformed = await Http.PostAsync(new Uri("/moecraft/feedback", UriKind.Relative), content);
        await ProblemAsync(malformed, HttpStatusCode.BadRequest);
        using var wrongType = await Http.GetAsync(new Uri("/moecraft/history?limit=many", UriKind.Relative));
        await ProblemAsync(wrongType, HttpStatusCode.BadRequest);
        using var nowhere = await Http.GetAsync(new Uri("/moecraft/no-such-thing", UriKind.Relative));
        await ProblemAsync(nowhere, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_refused_credential_is_a_401_problem_even_on_loopback()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/moecraft/cost", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-key");
        using var response = await Http.SendAsync(request);
        await ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Halt_shows_in_the_governance_state_and_the_journal_until_resume()
    {
        try
        {
            using var halted = await Http.PostAsJsonAsync("/moecraft/governance/halt", new { reason = "http maintenance" });
            var halt = await JsonAsync(halted);
            Assert.True(halt.GetProperty("halted").GetBoolean());

            var state = await GetJsonAsync("/moecraft/governance");
            Assert.True(state.GetProperty("halted").GetBoolean());
            Assert.Equal("http maintenance", state.GetProperty("halt").GetProperty("reason").GetString());
            Assert.Equal("dry-run", state.GetProperty("policy").GetProperty("lifecycleAutonomy").GetString());

            var refused = await Assert.ThrowsAnyAsync<Exception>(() => silo.Client.AskAsync("Anyone home?"));
            Assert.Contains("halted", refused.Message, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            using var resumed = await Http.PostAsync(new Uri("/moecraft/governance/resume", UriKind.Relative), null);
            Assert.False((await JsonAsync(resumed)).GetProperty("halted").GetBoolean());
        }
        Assert.False((await GetJsonAsync("/moecraft/governance")).GetProperty("halted").GetBoolean());

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var journal = await GetJsonAsync($"/moecraft/journal?day={today}&node=process-test");
        var kinds = journal[0].GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("halt", kinds);
        Assert.Contains("resume", kinds);
        var events = await GetJsonAsync("/moecraft/governance/events");
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("text").GetString()!.Contains("http maintenance", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_policy_set_through_the_api_becomes_the_next_version_in_the_history()
    {
        var before = (await GetJsonAsync("/moecraft/governance")).GetProperty("policy");
        var version = before.GetProperty("version").GetInt64();
        using var set = await Http.PutAsJsonAsync("/moecraft/governance/policy", new
        {
            allowedBackends = new[] { "simulated", "ollama", "open-ai-compatible", "replay", "federated" },
            maxExpertsPerRouter = 64,
            lifecycleAutonomy = "dry-run",
            expectedVersion = version,
        });
        var policy = await JsonAsync(set);
        Assert.Equal(version + 1, policy.GetProperty("version").GetInt64());
        Assert.Equal(64, policy.GetProperty("maxExpertsPerRouter").GetInt32());
        Assert.EndsWith("@http", policy.GetProperty("changedBy").GetString(), StringComparison.Ordinal);

        using var stale = await Http.PutAsJsonAsync("/moecraft/governance/policy", new
        {
            allowedBackends = new[] { "simulated" }, maxExpertsPerRouter = 8, lifecycleAutonomy = "dry-run", expectedVersion = version,
        });
        await ProblemAsync(stale, HttpStatusCode.Conflict);
        var history = await GetJsonAsync("/moecraft/governance/policy/history");
        Assert.Equal(version + 1, history[history.GetArrayLength() - 1].GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task The_default_routers_experts_are_listed_with_backend_status_and_usage()
    {
        var experts = await GetJsonAsync("/moecraft/experts");
        Assert.True(experts.GetArrayLength() >= 4, experts.ToString());
        Assert.All(experts.EnumerateArray(), e =>
        {
            Assert.Equal("simulated", e.GetProperty("backend").GetString());
            Assert.Equal("default", e.GetProperty("router").GetString());
            Assert.True(e.GetProperty("usage").GetProperty("calls").GetInt64() >= 0);
        });
        var first = experts[0].GetProperty("id").GetString()!;
        var one = await GetJsonAsync($"/moecraft/experts/{first}");
        Assert.Equal(first, one.GetProperty("id").GetString());
        using var missing = await Http.GetAsync(new Uri("/moecraft/experts/no-such-expert", UriKind.Relative));
        await ProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_operator_registers_an_expert_and_moves_it_to_cooling_and_back()
    {
        using (var registered = await Http.PutAsJsonAsync("/moecraft/experts/http-sim", new { backend = "simulated", model = "sim-http-1b", tier = "local", capabilities = new[] { "chat" } }))
        {
            var expert = await JsonAsync(registered);
            Assert.Equal("default", expert.GetProperty("router").GetString());
            Assert.True(expert.GetProperty("slot").GetInt32() >= 0);
            Assert.Equal("active", expert.GetProperty("status").GetString());
        }
        Assert.Contains((await GetJsonAsync("/moecraft/experts")).EnumerateArray(), e => e.GetProperty("id").GetString() == "http-sim");

        using (var skipped = await Http.PostAsJsonAsync("/moecraft/experts/http-sim/status", new { status = "archived" }))
            await ProblemAsync(skipped, HttpStatusCode.Conflict);
        using (var cooling = await Http.PostAsJsonAsync("/moecraft/experts/http-sim/status", new { status = "cooling" }))
        {
            var expert = await JsonAsync(cooling);
            Assert.Equal("cooling", expert.GetProperty("status").GetString());
            Assert.False(expert.GetProperty("slotActive").GetBoolean());
        }
        using (var active = await Http.PostAsJsonAsync("/moecraft/experts/http-sim/status", new { status = "active" }))
            Assert.True((await JsonAsync(active)).GetProperty("slotActive").GetBoolean());

        using var unknownBackend = await Http.PutAsJsonAsync("/moecraft/experts/http-quantum", new { backend = "quantum", model = "q" });
        var problem = await ProblemAsync(unknownBackend, HttpStatusCode.BadRequest);
        Assert.Contains("backend", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_keeper_proposals_and_federation_peers_are_404_problems()
    {
        using (var unknown = await Http.PostAsJsonAsync("/moecraft/routers/default/keepers/slow/commit", new { proposalId = "no-such-proposal" }))
            await ProblemAsync(unknown, HttpStatusCode.NotFound);
        using (var badClock = await Http.PostAsJsonAsync("/moecraft/routers/default/keepers/sideways/commit", new { proposalId = "x" }))
            await ProblemAsync(badClock, HttpStatusCode.BadRequest);
        using (var peer = await Http.PutAsJsonAsync("/moecraft/federation/peers/nobody/tier", new { tier = "core" }))
            await ProblemAsync(peer, HttpStatusCode.NotFound);
        var tables = await GetJsonAsync("/moecraft/federation/peers");
        Assert.Equal("process-test", tables[0].GetProperty("node").GetString());
    }

    [Fact]
    public async Task Router_health_reports_every_expert_on_the_roster()
    {
        var router = await GetJsonAsync("/moecraft/routers/default");
        var health = await GetJsonAsync("/moecraft/routers/default/health");
        Assert.Equal("default", health.GetProperty("routerId").GetString());
        Assert.Equal(router.GetProperty("slots").GetArrayLength(), health.GetProperty("experts").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, (await GetJsonAsync("/moecraft/routers/default/lifecycle")).ValueKind);
        var keepers = await GetJsonAsync("/moecraft/routers/default/keepers");
        Assert.Equal(["fast", "mid", "slow"], keepers.EnumerateArray().Select(k => k.GetProperty("clock").GetString()!).ToArray());
    }

    [Fact]
    public async Task Router_health_history_names_its_period_limit_and_the_epochs_since_the_router_was_configured()
    {
        var router = await GetJsonAsync("/moecraft/routers/default");
        var history = await GetJsonAsync("/moecraft/routers/default/health/history");

        Assert.Equal("default", history.GetProperty("routerId").GetString());
        Assert.Equal("00:01:00", history.GetProperty("period").GetString());
        Assert.Equal(360, history.GetProperty("kept").GetInt32());
        Assert.Equal(JsonValueKind.Array, history.GetProperty("snapshots").ValueKind);
        var epochs = history.GetProperty("epochs").EnumerateArray().ToList();
        Assert.Equal("configured", epochs[0].GetProperty("reason").GetString());
        Assert.Equal(router.GetProperty("epoch").GetInt32(), epochs[^1].GetProperty("epoch").GetInt32());
        using var unknown = await Http.GetAsync(new Uri("/moecraft/routers/no-such-router/health/history", UriKind.Relative));
        await ProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_routers_embedder_is_shown_beside_this_nodes_and_a_router_made_with_another_is_a_409_until_migrated()
    {
        var same = await GetJsonAsync("/moecraft/routers/default/embedder");
        Assert.True(same.GetProperty("compatible").GetBoolean(), same.ToString());
        Assert.Equal("hashing", same.GetProperty("nodeEmbedder").GetProperty("name").GetString());
        Assert.Equal(512, same.GetProperty("router").GetProperty("embedder").GetProperty("dimension").GetInt32());
        using (var noop = await Http.PostAsync(new Uri("/moecraft/routers/default/embedder/migrate", UriKind.Relative), null))
            Assert.False((await JsonAsync(noop)).GetProperty("migrated").GetBoolean());

        // A router made with another embedder of the same width: this node refuses it, on /v1 too.
        var routerId = Cluster.TestExperts.UniqueId("emb-api");
        await silo.Client.ConfigureRouterAsync(routerId, RouterConfiguration.Default with { Width = 2, TopK = 1, Embedder = new EmbedderIdentity("other-embedder", 512) });
        await silo.Client.RegisterExpertAsync(Cluster.TestExperts.Simulated(routerId + "-expert"), routerId);
        var other = await GetJsonAsync($"/moecraft/routers/{routerId}/embedder");
        Assert.False(other.GetProperty("compatible").GetBoolean());
        Assert.Contains("moecraft embedder migrate", other.GetProperty("mismatch").GetString(), StringComparison.Ordinal);
        using (var refused = await Http.PostAsJsonAsync("/v1/chat/completions", new { model = routerId, messages = new[] { new { role = "user", content = "hello" } } }))
        {
            var body = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.Conflict, body);
            using var error = JsonDocument.Parse(body);
            Assert.Equal("embedder_mismatch", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        }

        using (var migrated = await Http.PostAsync(new Uri($"/moecraft/routers/{routerId}/embedder/migrate", UriKind.Relative), null))
        {
            var report = await JsonAsync(migrated);
            Assert.True(report.GetProperty("migrated").GetBoolean());
            Assert.Equal("other-embedder", report.GetProperty("from").GetProperty("name").GetString());
            Assert.EndsWith("@http", report.GetProperty("actor").GetString(), StringComparison.Ordinal);
        }
        Assert.True((await GetJsonAsync($"/moecraft/routers/{routerId}/embedder")).GetProperty("compatible").GetBoolean());
        using (var unknown = await Http.PostAsync(new Uri("/moecraft/routers/no-such-router/embedder/migrate", UriKind.Relative), null))
            await ProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_cluster_audit_log_verifies_through_the_api_and_exports_sealed_json_lines_a_cut_copy_of_which_fails()
    {
        // A halt and a resume put entries on the cluster log, so there is a chain to verify.
        using (await Http.PostAsJsonAsync("/moecraft/governance/halt", new { reason = "audit test" })) { }
        using (await Http.PostAsync(new Uri("/moecraft/governance/resume", UriKind.Relative), null)) { }

        var verified = await GetJsonAsync("/moecraft/audit/verify");
        Assert.True(verified.GetProperty("ok").GetBoolean(), verified.ToString());
        Assert.Equal("ok", verified.GetProperty("result").GetString());
        Assert.True(verified.GetProperty("entries").GetInt64() >= 2);
        string[] trusted = [.. verified.GetProperty("trustedNodes").EnumerateArray().Select(n => n.GetString()!)];
        Assert.Single(trusted); // the silo's own key: the cluster's one node

        using var export = await Http.GetAsync(new Uri("/moecraft/audit/export", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/jsonl", export.Content.Headers.ContentType?.MediaType);
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= verified.GetProperty("entries").GetInt64() + 1);
        Assert.Contains("\"type\":\"moecraft.audit.export.v1\"", lines[^1], StringComparison.Ordinal);
        Assert.IsType<AuditVerificationResult.Ok>(AuditVerifier.VerifyLines(lines, trusted));
        Assert.IsType<AuditVerificationResult.Truncated>(AuditVerifier.VerifyLines(lines[..^1], trusted));
        using (var forger = FederationVectors.Outsider(88))
            Assert.IsType<AuditVerificationResult.BadSignature>(AuditVerifier.VerifyLines(lines, [forger.NodeId]));

        var unknown = await GetJsonAsync("/moecraft/audit/verify?log=no-such-log");
        Assert.False(unknown.GetProperty("ok").GetBoolean());
        Assert.Equal("empty", unknown.GetProperty("result").GetString());
        using var unknownExport = await Http.GetAsync(new Uri("/moecraft/audit/export?log=no-such-log", UriKind.Relative));
        await ProblemAsync(unknownExport, HttpStatusCode.NotFound);

        using var badNode = await Http.GetAsync(new Uri("/moecraft/audit/verify?node=not-a-node-id", UriKind.Relative));
        await ProblemAsync(badNode, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Experts_show_their_calls_now_the_gates_predicted_success_and_their_scars_and_reflexes()
    {
        await GetJsonAsync("/moecraft/cost"); // the first request creates the local tenant
        await silo.Client.AskAsync(new AskRequest(Guid.NewGuid().ToString("n"), "Which expert predicts best?", TenantId: "local"));

        // A call can still be leaving its expert's limiter when the answer arrives (or one of an earlier test of the shared
        // silo): the view must come back to no call in flight.
        var experts = await Eventually.Succeeds(async () =>
        {
            var list = (await GetJsonAsync("/moecraft/experts")).EnumerateArray().ToList();
            return list.All(e => e.GetProperty("activity").GetProperty("inFlight").GetInt32() == 0)
                ? list
                : throw new InvalidOperationException("calls still in flight: " + string.Join(", ", list.Select(e => e.GetProperty("activity"))));
        }, TimeSpan.FromSeconds(30), "experts with no call in flight");
        Assert.NotEmpty(experts);
        foreach (var expert in experts)
        {
            var activity = expert.GetProperty("activity");
            Assert.Equal(0, activity.GetProperty("inFlight").GetInt32());
            Assert.Equal(32, activity.GetProperty("concurrencyLimit").GetInt32());
            Assert.Equal("closed", activity.GetProperty("circuit").GetString());
            var routing = expert.GetProperty("routing");
            Assert.Equal("default", routing.GetProperty("router").GetString());
            Assert.Equal(JsonValueKind.Array, routing.GetProperty("scars").ValueKind);
            Assert.Equal(JsonValueKind.Array, routing.GetProperty("reflexes").ValueKind);
        }
        var offered = experts.Select(e => e.GetProperty("routing")).Where(r => r.GetProperty("gateCalls").GetInt64() > 0).ToList();
        Assert.NotEmpty(offered);
        Assert.All(offered, r => Assert.InRange(r.GetProperty("predictedSuccess").GetDouble(), 0, 1));

        var id = experts[0].GetProperty("id").GetString()!;
        var one = await GetJsonAsync($"/moecraft/experts/{id}");
        Assert.Equal("default", one.GetProperty("routing").GetProperty("router").GetString());
        Assert.Equal(32, one.GetProperty("activity").GetProperty("concurrencyLimit").GetInt32());
        using var unknownRouter = await Http.GetAsync(new Uri($"/moecraft/experts/{id}?router=no-such-router", UriKind.Relative));
        await ProblemAsync(unknownRouter, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cost_history_and_performance_of_the_local_tenant_count_its_requests()
    {
        await GetJsonAsync("/moecraft/cost"); // the first request creates the local tenant
        var requestId = Guid.NewGuid().ToString("n");
        var answer = await silo.Client.AskAsync(new AskRequest(requestId, "What does a router layer do?", TenantId: "local"));
        Assert.NotNull(answer.Routing);

        var cost = await Eventually.Succeeds(async () =>
        {
            var report = await GetJsonAsync("/moecraft/cost");
            return report.GetProperty("requests").GetInt64() >= 1 ? report : throw new InvalidOperationException(report.ToString());
        }, TimeSpan.FromSeconds(30), "the ledger line of the local tenant's request");
        Assert.Equal("local", cost.GetProperty("tenant").GetString());
        Assert.Equal(1000m, cost.GetProperty("budget").GetProperty("budget").GetDecimal());

        var history = await GetJsonAsync("/moecraft/history?limit=10");
        Assert.Contains(history.GetProperty("entries").EnumerateArray(), e => e.GetProperty("requestId").GetString() == requestId);
        var performance = await GetJsonAsync("/moecraft/performance");
        Assert.True(performance.GetProperty("latency").GetProperty("samples").GetInt32() >= 1, performance.ToString());
        Assert.True(performance.GetProperty("latency").GetProperty("p50").GetInt64() >= 0);

        using var feedback = await Http.PostAsJsonAsync("/moecraft/feedback", new { requestId, score = 0.8 });
        Assert.Equal(HttpStatusCode.Accepted, feedback.StatusCode);

        using var badRange = await Http.GetAsync(new Uri("/moecraft/cost?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", UriKind.Relative));
        await ProblemAsync(badRange, HttpStatusCode.BadRequest);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        return await JsonAsync(response);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 problem of <paramref name="status"/>: media type, status, title and detail.</summary>
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.True(problem.TryGetProperty("type", out _));
        return problem;
    }
}
