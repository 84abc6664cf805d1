using System.Collections.Immutable;
using Moecraft.Requests;
using Moecraft.Routing;

namespace Moecraft.Tests.BadInput;

/// <summary>A request's size is the UTF-8 bytes of the text it carries; over the limit it is refused with the limit named.</summary>
public sealed class RequestSizeTests
{
    [Fact]
    public void The_size_counts_every_text_of_the_request_in_UTF8_bytes()
    {
        var request = new AskRequest("id", "", TenantId: "t",
            Options: new RequestOptions(Stop: ["END"], User: "u", Tools: [new ToolSpec("f", "d", """{"type":"object"}""")],
                ResponseFormat: new ResponseFormatSpec(ResponseFormatSpec.JsonObject)),
            Policy: new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: "e", Fallbacks: ["g"]),
            Messages: [ChatTurn.System("ä"), new ChatTurn(ChatTurnRole.Assistant, "", ToolCalls: [new ToolCall("c", "f", "{}")])]);

        // id 2, tenant 1, "ä" 2, call 1+1+2, stop 3, user 1, tool 1+1+17, format 11, experts 1+1
        Assert.Equal(2 + 1 + 2 + 4 + 3 + 1 + 19 + 11 + 2, RequestSize.Of(request));
        Assert.Equal(3 + 6, RequestSize.Of(["abc", "中中"]));
    }

    [Fact]
    public void A_request_over_the_limit_is_refused_with_its_size_and_the_limit()
    {
        var request = new AskRequest("r", new string('x', 100));

        var error = Assert.Throws<RequestTooLargeException>(() => AskRequestPreflight.Validate(request, 50));

        Assert.Equal(101, error.Size);
        Assert.Equal(50, error.Limit);
        Assert.Contains("the limit is 50 bytes", error.Message);
        Assert.Same(request, AskRequestPreflight.Validate(request, 101));
    }

    [Fact]
    public void The_silo_refuses_a_request_over_1_MiB_that_passes_every_other_limit()
    {
        // Each tool's schema is within every per-field rule; together they are over the request limit.
        var schema = $$"""{"type":"object","description":"{{new string('s', 9_000)}}"}""";
        var tools = Enumerable.Range(0, RequestOptionsValidator.MaxTools).Select(i => new ToolSpec($"f{i}", null, schema)).ToImmutableArray();
        var request = new AskRequest("r", "hello", new RequestOptions(Tools: tools));

        var error = Assert.Throws<RequestTooLargeException>(() => AskRequestValidator.Validate(request));

        Assert.Equal(RequestSize.DefaultMaxBytes, error.Limit);
        AskRequestValidator.Validate(request with { Options = new RequestOptions(Tools: tools[..10]) });
    }
}
