using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using Moecraft.Tests.Api;
using OpenAI.Chat;

namespace Moecraft.Tests.BadInput;

/// <summary>
/// Bad input through a real silo's HTTP API (body limit 64 KiB in this fixture): an oversized body is a 413 in the surface's
/// error shape on every endpoint, malformed ids are 400s, and the same client's next ordinary request is answered.
/// </summary>
[Collection(OpenAiSiloCollection.Name)]
public sealed class BadInputHttpTests(OpenAiSiloFixture fixture)
{
    private HttpClient Http() => new() { BaseAddress = fixture.Silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Oversized => new('a', 2 * OpenAiSiloFixture.MaxRequestBodyBytes);

    [Fact]
    public async Task An_oversized_prompt_from_the_OpenAI_SDK_is_a_413_and_the_same_client_is_answered_next()
    {
        var chat = fixture.Client().GetChatClient("moecraft/auto");

        var refused = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage(Oversized)]));
        ChatCompletion next = await chat.CompleteChatAsync([new UserChatMessage("An ordinary question about routing.")]);

        Assert.Equal(413, refused.Status);
        Assert.Contains($"limit of {OpenAiSiloFixture.MaxRequestBodyBytes} bytes", refused.Message);
        Assert.StartsWith("[simulated ", next.Content[0].Text);
    }

    [Fact]
    public async Task An_oversized_body_on_a_management_endpoint_is_a_413_problem_and_the_connection_serves_the_next_request()
    {
        using var http = Http();

        using var refused = await http.PostAsync("/moecraft/tenants", Json($$"""{"id":"{{Oversized}}","budget":5}"""));
        using var next = await http.GetAsync("/moecraft/tenants");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("MaxRequestBodyBytes", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Theory]
    [InlineData("""{"id":"t\u0000x","budget":5}""", "U+0000")]
    [InlineData("""{"id":"t\ud800x","budget":5}""", null)] // JSON cannot carry a lone surrogate: the body is not valid
    [InlineData("""{"id":"t\udc00x","budget":5}""", null)]
    public async Task A_tenant_id_with_a_NUL_or_a_lone_surrogate_is_a_400_and_creates_nothing(string body, string? named)
    {
        using var http = Http();

        using var response = await http.PostAsync("/moecraft/tenants", Json(body));
        using var replacement = await http.GetAsync($"/moecraft/tenants/{Uri.EscapeDataString("t\uFFFDx")}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (named is not null) Assert.Contains(named, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, replacement.StatusCode);
    }

    [Fact]
    public async Task A_query_naming_a_tenant_with_a_NUL_is_a_400_before_any_grain_is_called()
    {
        using var http = Http();

        using var response = await http.GetAsync("/moecraft/cost?tenant=t%00x");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("U+0000", await response.Content.ReadAsStringAsync());
    }
}
