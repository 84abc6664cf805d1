using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Moecraft.Client;
using Moecraft.Requests;
using Moecraft.Routing;
using Moecraft.Tenants;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Requests;
using Moecraft.Tests.Tenants;

namespace Moecraft.Tests.BadInput;

/// <summary>
/// Bad input through the client SDK and straight through Orleans: malformed ids and oversized requests are refused with a
/// clear error before anything is sent or stored, change nothing, and leave the connection serving the next call.
/// </summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class BadInputClusterTests(SqliteClusterFixture fixture)
{
    private MoecraftClient Sdk => new(fixture.Cluster.Client);

    [Theory]
    [InlineData(0xD800)] // lone high surrogate
    [InlineData(0xDC00)] // lone low surrogate
    public async Task A_tenant_id_with_a_lone_surrogate_is_refused_and_never_reaches_the_tenant_it_would_collide_with(int half)
    {
        var suffix = Guid.NewGuid().ToString("n");
        var replacement = $"t\uFFFD{suffix}"; // what the malformed id would have become on the wire
        var malformed = $"t{(char)half}{suffix}";
        await Sdk.ConfigureTenantAsync(replacement, TestTenants.Settings(5m) with { QualityTarget = 0 });
        var (routerId, _) = await TestRouters.CreateAsync(fixture.Cluster.Client, "surrogate");

        var configure = await Assert.ThrowsAsync<ArgumentException>(() => Sdk.ConfigureTenantAsync(malformed, TestTenants.Settings(99m)));
        var ask = await Assert.ThrowsAsync<ArgumentException>(() => Sdk.AskAsync(new AskRequest("r1", "hello", TenantId: malformed), routerId));
        var chat = Sdk.AsChatClient(new MoecraftChatClientOptions { RouterId = routerId, TenantId = malformed });
        await Assert.ThrowsAsync<ArgumentException>(() => chat.GetResponseAsync("hello"));

        Assert.Contains("lone surrogate", configure.Message);
        Assert.Contains("tenant id", ask.Message);
        Assert.Equal(5m, (await Sdk.GetTenantAsync(replacement)).Budget);
        Assert.Equal(0m, (await Sdk.GetTenantUsageAsync(replacement)).Spent);
    }

    [Fact]
    public async Task A_NUL_in_an_id_is_refused_by_the_SDK_before_anything_is_sent()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(fixture.Cluster.Client, "nul");

        Assert.Contains("U+0000", (await Assert.ThrowsAsync<ArgumentException>(() => Sdk.GetTenantAsync("t\0x"))).Message);
        await Assert.ThrowsAsync<ArgumentException>(() => Sdk.AskAsync(new AskRequest("r\0", "hello"), routerId));
        await Assert.ThrowsAsync<ArgumentException>(() => Sdk.GetRouterAsync("r\0"));
        await Assert.ThrowsAsync<ArgumentException>(() => Sdk.GetExpertAsync(experts[0] + "\0"));
        await Assert.ThrowsAsync<ArgumentException>(() => Sdk.GetCostAsync("t\0x", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow));
        Assert.Equal(routerId, (await Sdk.AskAsync(new AskRequest(Guid.NewGuid().ToString("n"), "hello"), routerId)).Decision.RouterId);
    }

    [Fact]
    public async Task A_grain_key_with_a_NUL_from_a_caller_that_bypasses_the_SDK_never_reaches_storage()
    {
        var tenant = fixture.Cluster.Client.GetGrain<ITenantGrain>($"t\0{Guid.NewGuid():n}");

        // Orleans reports a failed state read as its own exception around the storage's.
        var error = await Assert.ThrowsAsync<OrleansException>(() => tenant.Configure(TestTenants.Settings()));

        var refused = Assert.IsType<ArgumentException>(error.InnerException);
        Assert.Contains("U+0000", refused.Message);
        Assert.Contains("neither read nor stored", refused.Message);
    }

    [Fact]
    public async Task A_120_MB_prompt_is_refused_by_the_SDK_naming_the_limit_and_the_next_call_on_the_connection_succeeds()
    {
        var (routerId, _) = await TestRouters.CreateAsync(fixture.Cluster.Client, "huge");
        var client = Sdk;
        var huge = new AskRequest(Guid.NewGuid().ToString("n"), new string('x', 120 * 1024 * 1024));

        var refused = await Assert.ThrowsAsync<RequestTooLargeException>(() => client.AskAsync(huge, routerId));
        var streamed = Assert.Throws<RequestTooLargeException>(() => client.AskStreamingAsync(huge, routerId));

        Assert.Equal(RequestSize.DefaultMaxBytes, refused.Limit);
        Assert.Contains($"the limit is {RequestSize.DefaultMaxBytes:N0} bytes", refused.Message);
        Assert.Equal(refused.Limit, streamed.Limit);
        var answer = await client.AskAsync(new AskRequest(Guid.NewGuid().ToString("n"), "an ordinary question"), routerId);
        Assert.False(string.IsNullOrEmpty(answer.Answer.Text));
    }

    [Fact]
    public async Task The_chat_client_and_the_embedding_generator_refuse_oversized_input_before_sending()
    {
        var (routerId, _) = await TestRouters.CreateAsync(fixture.Cluster.Client, "huge-chat");
        var client = new MoecraftClient(fixture.Cluster.Client) { MaxRequestBytes = 64 * 1024 };
        var big = new string('y', 64 * 1024 + 1);
        IChatClient chat = client.AsChatClient(new MoecraftChatClientOptions { RouterId = routerId });
        var embeddings = client.AsEmbeddingGenerator(routerId);

        Assert.Equal(64 * 1024, (await Assert.ThrowsAsync<RequestTooLargeException>(() => chat.GetResponseAsync(big))).Limit);
        Assert.Equal(64 * 1024, (await Assert.ThrowsAsync<RequestTooLargeException>(() => embeddings.GenerateAsync([big]))).Limit);
        Assert.NotEmpty((await chat.GetResponseAsync("a small question")).Text);
        Assert.Single(await embeddings.GenerateAsync(["a small text"]));
        Assert.Throws<ArgumentException>(() => new MoecraftClient(fixture.Cluster.Client) { MaxRequestBytes = RequestSize.LargestMaxBytes + 1 });
    }

    [Fact]
    public async Task The_silo_refuses_an_oversized_request_from_a_caller_that_bypasses_the_SDK_and_keeps_serving_the_connection()
    {
        var (routerId, _) = await TestRouters.CreateAsync(fixture.Cluster.Client, "huge-raw");
        var router = fixture.Cluster.Client.GetGrain<IChatRouterGrain>(routerId);
        var schema = $$"""{"type":"object","description":"{{new string('s', 9_000)}}"}""";
        var tools = Enumerable.Range(0, RequestOptionsValidator.MaxTools).Select(i => new ToolSpec($"f{i}", null, schema)).ToImmutableArray();

        var refused = await Assert.ThrowsAsync<RequestTooLargeException>(
            () => router.Ask(new AskRequest(Guid.NewGuid().ToString("n"), "hello", new RequestOptions(Tools: tools))));
        var texts = await Assert.ThrowsAsync<RequestTooLargeException>(() => router.Embed([new string('z', RequestSize.DefaultMaxBytes + 1)]));

        Assert.Equal(AskRequestValidator.MaxRequestBytes, refused.Limit);
        Assert.Equal(AskRequestValidator.MaxRequestBytes, texts.Limit);
        Assert.False(string.IsNullOrEmpty((await router.Ask(new AskRequest(Guid.NewGuid().ToString("n"), "hello"))).Answer.Text));
    }
}
