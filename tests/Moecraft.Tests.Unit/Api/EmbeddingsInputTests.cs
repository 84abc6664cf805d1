using System.Text.Json;
using Moecraft.Api.OpenAi;

namespace Moecraft.Tests.Api;

/// <summary>The <c>input</c> of an embeddings request.</summary>
public sealed class EmbeddingsInputTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Input_is_a_string_or_an_array_of_strings()
    {
        Assert.Equal(["one"], EmbeddingsEndpoint.Inputs(Json("\"one\"")).ToArray());
        Assert.Equal(["one", "two"], EmbeddingsEndpoint.Inputs(Json("""["one","two"]""")).ToArray());
    }

    [Theory]
    [InlineData("null", "input")]
    [InlineData("42", "input")]
    [InlineData("[]", "input")]
    [InlineData("[[1,2,3]]", "input[0]")]
    [InlineData("[\"ok\",\"\"]", "input[1]")]
    public void Other_inputs_are_refused_naming_the_field(string json, string field)
    {
        var refused = Assert.Throws<OpenAiRequestException>(() => EmbeddingsEndpoint.Inputs(Json(json)));

        Assert.Equal(400, refused.Failure.Status);
        Assert.Equal(field, refused.Param);
    }
}
