using System.Collections.Immutable;
using System.Text;
using Moecraft.Api;
using Moecraft.Api.OpenAi;
using Moecraft.Routing;

namespace Moecraft.Tests.Api;

/// <summary>OpenAI's chat request, parsed and mapped onto the cluster's <see cref="AskRequest"/>.</summary>
public sealed class ChatCompletionRequestMapperTests
{
    private static readonly ModelRoute Auto = new("default", null, MoecraftApiOptions.AutoModel);

    private static ChatCompletionRequest Parse(string json) =>
        OpenAiJson.Parse(Encoding.UTF8.GetBytes(json), OpenAiJsonContext.Default.ChatCompletionRequest);

    private static AskRequest Map(string json, ModelRoute? route = null) =>
        ChatCompletionRequestMapper.Map(Parse(json), route ?? Auto, "chatcmpl-test", "tenant-a");

    private static OpenAiRequestException Refused(string json) => Assert.Throws<OpenAiRequestException>(() => Map(json));

    [Fact]
    public void Every_role_becomes_a_turn_with_its_name_tool_calls_and_tool_call_id()
    {
        var ask = Map("""
            {"model":"moecraft/auto","messages":[
              {"role":"system","content":"Be brief."},
              {"role":"developer","content":"Use metric units."},
              {"role":"user","name":"ada","content":"Weather in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"18 C"}
            ]}
            """);

        Assert.Equal(
            [ChatTurnRole.System, ChatTurnRole.System, ChatTurnRole.User, ChatTurnRole.Assistant, ChatTurnRole.Tool],
            ask.Messages.Select(t => t.Role));
        Assert.Equal("ada", ask.Messages[2].Name);
        Assert.Equal([new ToolCall("call_1", "weather", "{\"city\":\"Paris\"}")], ask.Messages[3].Calls.ToArray());
        Assert.Equal(string.Empty, ask.Messages[3].Content);
        Assert.Equal("call_1", ask.Messages[4].ToolCallId);
        Assert.Equal("18 C", ask.Messages[4].Content);
        Assert.Equal("chatcmpl-test", ask.RequestId);
        Assert.Equal("tenant-a", ask.TenantId);
        Assert.Null(ask.Policy);
        // The conversation travels as messages only: a request carries a prompt or messages, never both.
        Assert.Equal(string.Empty, ask.Prompt);
    }

    [Fact]
    public void A_single_user_message_routes_as_its_own_text()
    {
        var ask = Map("""{"model":"m","messages":[{"role":"user","content":"Hello there"}]}""");

        Assert.Equal(string.Empty, ask.Prompt);
        Assert.Equal("Hello there", ask.RoutingText);
    }

    [Fact]
    public void Text_content_parts_are_joined_and_other_part_types_are_refused()
    {
        var ask = Map("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]}]}""");
        Assert.Equal("one\ntwo", ask.Messages[0].Content);

        var image = Refused("""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"http://x"}}]}]}""");
        Assert.Equal("messages[0].content[0].type", image.Param);
        Assert.Contains("image_url", image.Message);
        Assert.Equal(400, image.Failure.Status);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"stop":"END"}""", new[] { "END" })]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"stop":["a","b"]}""", new[] { "a", "b" })]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"stop":null}""", new string[0])]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}]}""", new string[0])]
    public void Stop_takes_a_string_an_array_or_nothing(string json, string[] expected) =>
        Assert.Equal(expected, Map(json).EffectiveOptions.StopSequences.ToArray());

    [Fact]
    public void Stop_of_another_type_or_more_than_four_sequences_is_refused_naming_the_field()
    {
        Assert.Equal("stop", Refused("""{"model":"m","messages":[{"role":"user","content":"x"}],"stop":7}""").Param);
        Assert.Equal("stop[1]", Refused("""{"model":"m","messages":[{"role":"user","content":"x"}],"stop":["a",1]}""").Param);
        Assert.Equal("stop", Refused("""{"model":"m","messages":[{"role":"user","content":"x"}],"stop":["a","b","c","d","e"]}""").Param);
    }

    [Fact]
    public void Sampling_limits_seed_user_format_and_tools_become_request_options()
    {
        var options = Map("""
            {"model":"m","messages":[{"role":"user","content":"x"}],
             "temperature":0.2,"top_p":0.9,"max_tokens":50,"max_completion_tokens":60,"seed":7,"user":"u-1",
             "response_format":{"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object"},"strict":true}},
             "tools":[{"type":"function","function":{"name":"lookup","description":"Looks up","parameters":{"type":"object"}}}],
             "tool_choice":{"type":"function","function":{"name":"lookup"}},
             "some_future_field":{"ignored":true}}
            """).EffectiveOptions;

        Assert.Equal(0.2, options.Temperature);
        Assert.Equal(0.9, options.TopP);
        Assert.Equal(60, options.MaxOutputTokens); // max_completion_tokens wins over the deprecated max_tokens
        Assert.Equal(7, options.Seed);
        Assert.Equal("u-1", options.User);
        Assert.Equal(new ResponseFormatSpec(ResponseFormatSpec.JsonSchema, "answer", """{"type":"object"}""", true), options.ResponseFormat);
        Assert.Equal([new ToolSpec("lookup", "Looks up", """{"type":"object"}""")], options.ToolList.ToArray());
        Assert.Equal(new ToolChoice(ToolChoice.Function, "lookup"), options.ToolChoice);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("none")]
    [InlineData("required")]
    public void Tool_choice_modes_are_kept(string mode) =>
        Assert.Equal(new ToolChoice(mode), Map($$"""{"model":"m","messages":[{"role":"user","content":"x"}],"tool_choice":"{{mode}}"}""").EffectiveOptions.ToolChoice);

    [Fact]
    public void Response_format_text_asks_for_nothing_and_json_object_constrains()
    {
        Assert.Null(Map("""{"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"text"}}""").EffectiveOptions.ResponseFormat);
        Assert.True(Map("""{"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}}""").EffectiveOptions.NeedsResponseFormat);
        Assert.Equal("response_format.type", Refused("""{"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"xml"}}""").Param);
    }

    [Fact]
    public void More_than_one_choice_is_refused_as_not_supported()
    {
        var refused = Refused("""{"model":"m","messages":[{"role":"user","content":"x"}],"n":2}""");

        Assert.Equal(400, refused.Failure.Status);
        Assert.Equal("n", refused.Param);
        Assert.Contains("not supported", refused.Message);
        Assert.Equal(1, Map("""{"model":"m","messages":[{"role":"user","content":"x"}],"n":1}""").Experts);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"temperature":"hot"}""", "temperature", "expected a number, but got a string")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"max_tokens":1.5}""", "max_tokens", "an integer")]
    [InlineData("""{"model":"m","messages":"hello"}""", "messages", "expected an array, but got a string")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"stream":"yes"}""", "stream", "expected a boolean")]
    [InlineData("""{"model":"m","messages":[{"role":7,"content":"x"}]}""", "messages[0].role", "messages[0].role")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":42}]}""", "messages[0].content", "expected a string or an array of content parts")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"temperature":3}""", "temperature", "between 0 and 2")]
    public void A_known_field_of_the_wrong_type_or_range_is_a_400_naming_the_field(string json, string field, string message)
    {
        var refused = Refused(json);

        Assert.Equal(400, refused.Failure.Status);
        Assert.Equal("invalid_request_error", refused.Failure.Type);
        Assert.Equal(field, refused.Param);
        Assert.Contains(message, refused.Message);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[]}""", "messages")]
    [InlineData("""{"model":"m","messages":[{"role":"robot","content":"x"}]}""", "messages[0].role")]
    [InlineData("""{"model":"m","messages":[{"role":"user"}]}""", "messages[0].content")]
    [InlineData("""{"model":"m","messages":[{"role":"tool","content":"x"}]}""", "messages[0].tool_call_id")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"has space"}}]}""", "tools[0].function.name")]
    public void Malformed_conversations_are_refused_naming_the_field(string json, string field) =>
        Assert.Equal(field, Refused(json).Param);

    [Fact]
    public void Malformed_json_and_a_body_that_is_not_an_object_are_400s()
    {
        var malformed = Assert.Throws<OpenAiRequestException>(() => Parse("""{"model": """));
        Assert.Equal(400, malformed.Failure.Status);
        Assert.Contains("could not parse the JSON body", malformed.Message);

        Assert.Equal(400, Assert.Throws<OpenAiRequestException>(() => Parse("[1,2]")).Failure.Status);
    }

    [Fact]
    public void The_resolved_route_sets_the_policy_and_the_tenant_comes_only_from_the_caller()
    {
        var route = new ModelRoute("default", new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: "a", Fallbacks: ImmutableArray.Create("b")), "a");

        var ask = ChatCompletionRequestMapper.Map(
            Parse("""{"model":"a","tenant":"someone-else","tenant_id":"x","messages":[{"role":"user","content":"x"}]}"""), route, "chatcmpl-1", "tenant-a");

        Assert.Equal("tenant-a", ask.TenantId);
        Assert.Equal(route.Policy, ask.Policy);
    }

    [Fact]
    public void Request_ids_look_like_OpenAI_completion_ids_and_are_unique()
    {
        var first = ChatCompletionRequestMapper.NewRequestId();

        Assert.StartsWith("chatcmpl-", first);
        Assert.NotEqual(first, ChatCompletionRequestMapper.NewRequestId());
    }
}
