using Moecraft.Requests;
using Moecraft.Routing;

namespace Moecraft.Tests.Conversations;

public sealed class RequestOptionsTests
{
    private static readonly ToolSpec Weather = new("get_weather", "weather", """{"type":"object"}""");

    [Fact]
    public void Default_options_keep_the_cache_key_earlier_versions_stored()
    {
        Assert.Equal("t=-;max=-", RequestOptions.Default.Key);
        Assert.Equal("t=0.5;max=20", new RequestOptions(0.5, 20).Key);
    }

    [Fact]
    public void Every_option_that_changes_an_answer_changes_the_key_and_the_user_id_does_not()
    {
        var keys = new[]
        {
            RequestOptions.Default.Key,
            new RequestOptions(TopP: 0.5).Key,
            new RequestOptions(Stop: ["END"]).Key,
            new RequestOptions(Seed: 7).Key,
            new RequestOptions(ResponseFormat: new ResponseFormatSpec(ResponseFormatSpec.JsonObject)).Key,
            new RequestOptions(Tools: [Weather]).Key,
            new RequestOptions(Tools: [Weather with { Description = "other" }]).Key,
            new RequestOptions(Tools: [Weather], ToolChoice: new ToolChoice(ToolChoice.Required)).Key,
        };

        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(RequestOptions.Default.Key, new RequestOptions(User: "someone").Key);
    }

    [Fact]
    public void Options_with_equal_contents_are_equal_whatever_their_arrays()
    {
        Assert.Equal(new RequestOptions(Stop: ["a", "b"], Tools: [Weather]), new RequestOptions(Stop: ["a", "b"], Tools: [Weather]));
        Assert.NotEqual(new RequestOptions(User: "a"), new RequestOptions(User: "b"));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    public void A_top_p_outside_zero_to_one_is_refused(double topP) =>
        Assert.Contains("top_p", Assert.Throws<ArgumentException>(() => RequestOptionsValidator.Validate(new RequestOptions(TopP: topP))).Message);

    [Fact]
    public void Bad_tools_and_tool_choices_are_refused_with_the_option_named()
    {
        Assert.Contains("function name", Refusal(new RequestOptions(Tools: [new ToolSpec("bad name")])));
        Assert.Contains("twice", Refusal(new RequestOptions(Tools: [Weather, Weather])));
        Assert.Contains("not valid JSON", Refusal(new RequestOptions(Tools: [Weather with { Parameters = "{oops" }])));
        Assert.Contains("required", Refusal(new RequestOptions(ToolChoice: new ToolChoice(ToolChoice.Required))));
        Assert.Contains("not among", Refusal(new RequestOptions(Tools: [Weather], ToolChoice: new ToolChoice(ToolChoice.Function, "other"))));
        Assert.Contains("stop sequences", Refusal(new RequestOptions(Stop: ["a", "b", "c", "d", "e"])));
        Assert.Contains("response_format", Refusal(new RequestOptions(ResponseFormat: new ResponseFormatSpec("xml"))));
        Assert.Contains("schema", Refusal(new RequestOptions(ResponseFormat: new ResponseFormatSpec(ResponseFormatSpec.JsonSchema, "answer"))));
    }

    [Fact]
    public void Well_formed_options_pass()
    {
        RequestOptionsValidator.Validate(new RequestOptions(
            0.3, 100, 0.9, ["END"], 1, "u", new ResponseFormatSpec(ResponseFormatSpec.JsonSchema, "answer", """{"type":"object"}""", true),
            [Weather], new ToolChoice(ToolChoice.Function, "get_weather")));
    }

    private static string Refusal(RequestOptions options) => Assert.Throws<ArgumentException>(() => RequestOptionsValidator.Validate(options)).Message;
}
