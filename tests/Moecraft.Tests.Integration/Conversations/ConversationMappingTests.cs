using Microsoft.Extensions.AI;
using Moecraft.Experts;
using Moecraft.Experts.Conversations;
using Moecraft.Routing;

namespace Moecraft.Tests.Conversations;

public sealed class ConversationMappingTests
{
    [Fact]
    public void Turns_become_messages_with_tool_calls_and_tool_results()
    {
        var messages = ConversationMapping.MessagesOf(
        [
            ChatTurn.System("be brief"),
            new ChatTurn(ChatTurnRole.User, "weather?", Name: "ana"),
            new ChatTurn(ChatTurnRole.Assistant, "", ToolCalls: [new ToolCall("c1", "get_weather", """{"city":"Oslo","days":2}""")]),
            new ChatTurn(ChatTurnRole.Tool, "cold", ToolCallId: "c1"),
        ]);

        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool], messages.Select(m => m.Role));
        Assert.Equal("ana", messages[1].AuthorName);
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(messages[2].Contents));
        Assert.Equal(("c1", "get_weather"), (call.CallId, call.Name));
        Assert.Equal(["city", "days"], call.Arguments!.Keys);
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(messages[3].Contents));
        Assert.Equal(("c1", "cold"), (result.CallId, (string?)result.Result));
    }

    [Fact]
    public void Options_map_onto_chat_options_and_default_options_leave_everything_to_the_backend()
    {
        var options = ConversationMapping.OptionsOf(new RequestOptions(
            0.5, 10, 0.8, ["END"], 3, null, new ResponseFormatSpec(ResponseFormatSpec.JsonObject),
            [new ToolSpec("f", "does f", """{"type":"object","properties":{"x":{"type":"number"}}}""")], new ToolChoice(ToolChoice.Function, "f")), BackendKind.Ollama)!;

        Assert.Null(ConversationMapping.OptionsOf(RequestOptions.Default, BackendKind.Ollama));
        Assert.Equal((0.5f, 10, 0.8f, 3L), (options.Temperature, options.MaxOutputTokens, options.TopP, options.Seed));
        Assert.Equal(["END"], options.StopSequences!);
        Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        Assert.Equal("f", Assert.Single(options.Tools!).Name);
        Assert.Equal("f", Assert.IsType<RequiredChatToolMode>(options.ToolMode).RequiredFunctionName);
    }

    [Fact]
    public void Tool_calls_in_a_response_come_back_with_their_arguments_as_JSON()
    {
        var calls = ConversationMapping.ToolCallsOf([new TextContent("x"), new FunctionCallContent("c9", "lookup", new Dictionary<string, object?> { ["q"] = "moe" })]);

        var call = Assert.Single(calls);
        Assert.Equal(new ToolCall("c9", "lookup", """{"q":"moe"}"""), call);
        Assert.Equal("tool_calls", ConversationMapping.FinishReasonOf(ChatFinishReason.Stop, calledTools: true));
        Assert.Equal("length", ConversationMapping.FinishReasonOf(ChatFinishReason.Length, calledTools: false));
        Assert.Equal("stop", ConversationMapping.FinishReasonOf(null, calledTools: false));
    }

    [Theory]
    [InlineData(BackendKind.Simulated, false)]
    [InlineData(BackendKind.Replay, false)]
    [InlineData(BackendKind.Federated, false)]
    [InlineData(BackendKind.OpenAiCompatible, true)]
    [InlineData(BackendKind.Ollama, true)]
    public void Only_backends_that_pass_tools_through_accept_a_request_with_tools(BackendKind backend, bool accepts)
    {
        var options = new RequestOptions(Tools: [new ToolSpec("f")]);
        Assert.Equal(accepts, BackendFeatures.Unsupported(backend, options) is null);
        Assert.Null(BackendFeatures.Unsupported(backend, RequestOptions.Default));
    }
}
