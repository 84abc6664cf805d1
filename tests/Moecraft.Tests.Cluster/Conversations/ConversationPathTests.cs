using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Moecraft.Client;
using Moecraft.Experts;
using Moecraft.Routing;
using Moecraft.Tenants;
using Moecraft.Tests.Backends;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Tenants;

namespace Moecraft.Tests.Conversations;

/// <summary>A whole conversation with tools and options runs end to end: chat router, expert grain, OpenAI-compatible wire.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class ConversationPathTests(SqliteClusterFixture fixture)
{
    private static readonly ImmutableArray<ChatTurn> ToolConversation =
    [
        ChatTurn.System("You are a weather assistant."),
        ChatTurn.User("What is the weather in Oslo?"),
        new ChatTurn(ChatTurnRole.Assistant, "", ToolCalls: [new ToolCall("call_1", "get_weather", """{"city":"Oslo"}""")]),
        new ChatTurn(ChatTurnRole.Tool, """{"celsius":-3}""", ToolCallId: "call_1"),
        ChatTurn.User("And in Bergen?"),
    ];

    private static readonly RequestOptions ToolOptions = new(
        Temperature: 0.2, MaxOutputTokens: 50, TopP: 0.9, Stop: ["END"], Seed: 42, User: "user-7",
        Tools: [new ToolSpec("get_weather", "The weather in a city", """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")],
        ToolChoice: new ToolChoice(ToolChoice.Auto));

    [Fact]
    public async Task A_conversation_with_tools_reaches_an_OpenAI_compatible_expert_whole_and_its_tool_call_comes_back()
    {
        await using var server = await FakeModelServer.StartAsync();
        server.Enqueue(FakeModelBehaviour.CallTool("get_weather", """{"city":"Bergen"}"""));
        var grains = fixture.Cluster.Client;
        var routerId = await TestRouterWithAsync(grains, BackendTestExperts.OpenAi($"tools-{Guid.NewGuid():n}", server.OpenAiEndpoint, BackendTestExperts.FastPolicy()));

        var result = await grains.GetGrain<IChatRouterGrain>(routerId).Ask(new AskRequest("conv-1", "", ToolOptions, Messages: ToolConversation));

        var sent = server.Requests.Single();
        var messages = sent["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "tool", "user"], messages.Select(m => (string?)m!["role"]));
        Assert.Equal("get_weather", (string?)messages[2]!["tool_calls"]![0]!["function"]!["name"]);
        Assert.Equal("call_1", (string?)messages[3]!["tool_call_id"]);
        Assert.Equal("get_weather", (string?)sent["tools"]![0]!["function"]!["name"]);
        Assert.Equal("auto", (string?)sent["tool_choice"]);
        Assert.Equal(0.9, (double)sent["top_p"]!, 3);
        Assert.Equal("END", (string?)sent["stop"]![0]);
        Assert.Equal(42, (long)sent["seed"]!);
        Assert.Equal("user-7", (string?)sent["user"]);

        Assert.Equal("tool_calls", result.Answer.FinishReason);
        var call = Assert.Single(result.Answer.Calls);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Bergen", (string?)JsonNode.Parse(call.Arguments)!["city"]);
    }

    [Fact]
    public async Task The_SDKs_IChatClient_sends_the_whole_conversation_with_its_functions_and_returns_the_function_call()
    {
        await using var server = await FakeModelServer.StartAsync();
        server.Enqueue(FakeModelBehaviour.CallTool("get_weather", """{"city":"Bergen"}"""));
        var grains = fixture.Cluster.Client;
        var routerId = await TestRouterWithAsync(grains, BackendTestExperts.OpenAi($"sdk-tools-{Guid.NewGuid():n}", server.OpenAiEndpoint, BackendTestExperts.FastPolicy()));
        IChatClient chat = new MoecraftChatClient(fixture.Cluster.Client, new MoecraftChatClientOptions { RouterId = routerId });
        var weather = AIFunctionFactory.Create((string city) => $"cold in {city}", "get_weather", "The weather in a city");

        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You are a weather assistant."), new ChatMessage(ChatRole.User, "Weather in Bergen?")],
            new ChatOptions { Tools = [weather], ToolMode = ChatToolMode.RequireAny });

        var sent = server.Requests.Single();
        Assert.Equal(["system", "user"], sent["messages"]!.AsArray().Select(m => (string?)m!["role"]));
        Assert.Equal("get_weather", (string?)sent["tools"]![0]!["function"]!["name"]);
        Assert.Equal("required", (string?)sent["tool_choice"]);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(response.Messages.Single().Contents));
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Bergen", call.Arguments!["city"]?.ToString());
    }

    [Fact]
    public async Task A_json_response_format_passes_through_to_the_backend()
    {
        await using var server = await FakeModelServer.StartAsync();
        server.Enqueue(FakeModelBehaviour.Answer("""{"answer":4}"""));
        var grains = fixture.Cluster.Client;
        var routerId = await TestRouterWithAsync(grains, BackendTestExperts.OpenAi($"json-{Guid.NewGuid():n}", server.OpenAiEndpoint, BackendTestExperts.FastPolicy()));
        var options = new RequestOptions(ResponseFormat: new ResponseFormatSpec(ResponseFormatSpec.JsonObject));

        var result = await grains.GetGrain<IChatRouterGrain>(routerId).Ask(new AskRequest("json-1", "Two plus two, as JSON", options));

        Assert.Equal("json_object", (string?)server.Requests.Single()["response_format"]!["type"]);
        Assert.Equal("""{"answer":4}""", result.Answer.Text);
        Assert.Equal("stop", result.Answer.FinishReason);
    }

    [Fact]
    public async Task Tools_asked_of_a_router_whose_experts_cannot_call_them_are_refused_before_any_call_or_charge()
    {
        var grains = fixture.Cluster.Client;
        var expert = TestExperts.Simulated($"no-tools-{Guid.NewGuid():n}");
        var routerId = await TestRouterWithAsync(grains, expert);
        var tenant = await TenantAsync(grains, 1m);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            grains.GetGrain<IChatRouterGrain>(routerId).Ask(new AskRequest("tools-refused", "", ToolOptions, tenant, Messages: ToolConversation)));

        Assert.Contains("tools", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was called or charged", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await grains.GetGrain<IExpertGrain>(expert.Id).GetSnapshot()).Counters.Invocations);
        var usage = await grains.GetGrain<ITenantGrain>(tenant).GetUsage();
        Assert.Equal(0m, usage.Spent);
        Assert.Equal(0m, usage.Reserved);
    }

    [Fact]
    public async Task An_expert_asked_directly_for_a_response_format_its_backend_cannot_honour_refuses_and_counts_nothing()
    {
        var grains = fixture.Cluster.Client;
        var expert = TestExperts.Simulated($"no-format-{Guid.NewGuid():n}");
        await grains.GetGrain<IExpertGrain>(expert.Id).Register(expert);
        var options = new RequestOptions(ResponseFormat: new ResponseFormatSpec(ResponseFormatSpec.JsonObject));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grains.GetGrain<IExpertGrain>(expert.Id).Invoke(new ExpertRequest("f-1", "hello", options)));

        Assert.Contains("response_format", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await grains.GetGrain<IExpertGrain>(expert.Id).GetSnapshot()).Counters.Invocations);
    }

    [Fact]
    public async Task A_conversation_is_cached_whole_so_a_different_history_with_the_same_last_question_is_not_a_hit()
    {
        var grains = fixture.Cluster.Client;
        var routerId = await TestRouterWithAsync(grains, TestExperts.Simulated($"conv-cache-{Guid.NewGuid():n}"));
        var tenant = await TenantAsync(grains, 10m);
        var path = grains.GetGrain<IChatRouterGrain>(routerId);
        ImmutableArray<ChatTurn> first = [ChatTurn.System("Answer as a pirate."), ChatTurn.User("How far is the moon?")];
        ImmutableArray<ChatTurn> second = [ChatTurn.System("Answer as a poet."), ChatTurn.User("How far is the moon?")];

        var asked = await path.Ask(new AskRequest("cc-1", "", null, tenant, Messages: first));
        var repeated = await path.Ask(new AskRequest("cc-2", "", null, tenant, Messages: first));
        var otherHistory = await path.Ask(new AskRequest("cc-3", "", null, tenant, Messages: second));

        Assert.False(asked.Routing!.CacheHit);
        Assert.True(repeated.Routing!.CacheHit);
        Assert.False(otherHistory.Routing!.CacheHit);
    }

    private static async Task<string> TenantAsync(IGrainFactory grains, decimal budget)
    {
        var tenant = TestTenants.UniqueId();
        await grains.GetGrain<ITenantGrain>(tenant).Configure(TestTenants.Settings(budget));
        return tenant;
    }

    private static async Task<string> TestRouterWithAsync(IGrainFactory grains, ExpertDefinition expert)
    {
        var routerId = $"conv-router-{Guid.NewGuid():n}";
        var router = grains.GetGrain<IRouterLayerGrain>(routerId);
        await router.Configure(RouterConfiguration.Default with { Width = 2, TopK = 1 });
        await grains.GetGrain<IExpertGrain>(expert.Id).Register(expert);
        await router.RegisterExpert(expert.Id);
        return routerId;
    }
}
