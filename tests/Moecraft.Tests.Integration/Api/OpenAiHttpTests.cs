using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Moecraft.Tests.Api;

/// <summary>The <c>/v1</c> wire format as a raw HTTP client sees it: headers, event stream, error bodies, limits.</summary>
[Collection(OpenAiSiloCollection.Name)]
public sealed class OpenAiHttpTests(OpenAiSiloFixture fixture)
{
    private HttpClient Http() => new() { BaseAddress = fixture.Silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
    }

    [Fact]
    public async Task A_completion_carries_moecraft_metadata_in_its_body_and_headers()
    {
        using var http = Http();

        using var response = await http.PostAsync("/v1/chat/completions", Json("""{"model":"moecraft/auto","messages":[{"role":"user","content":"What is a router?"}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var moecraft = body.GetProperty("moecraft");
        var id = body.GetProperty("id").GetString();
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.Equal(id, moecraft.GetProperty("request_id").GetString());
        Assert.Equal(id, Header(response, "x-moecraft-request-id"));
        Assert.Equal(body.GetProperty("model").GetString(), Header(response, "x-moecraft-expert"));
        Assert.Equal(moecraft.GetProperty("cost").GetDecimal(), decimal.Parse(Header(response, "x-moecraft-cost"), CultureInfo.InvariantCulture));
        Assert.Equal(moecraft.GetProperty("savings").GetDecimal(), decimal.Parse(Header(response, "x-moecraft-savings"), CultureInfo.InvariantCulture));
        Assert.Contains(Header(response, "x-moecraft-cache-hit"), new[] { "true", "false" });
        Assert.Equal(moecraft.GetProperty("epoch").GetInt64(), long.Parse(Header(response, "x-moecraft-epoch"), CultureInfo.InvariantCulture));
        Assert.Equal(body.GetProperty("model").GetString(), moecraft.GetProperty("experts")[0].GetString());
        Assert.Equal("stop", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var usage = body.GetProperty("usage");
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt64() + usage.GetProperty("completion_tokens").GetInt64(), usage.GetProperty("total_tokens").GetInt64());
    }

    [Fact]
    public async Task A_stream_is_OpenAIs_event_sequence_with_metadata_on_the_final_chunk_then_usage_then_done()
    {
        using var http = Http();

        using var response = await http.PostAsync("/v1/chat/completions", Json(
            """{"model":"moecraft/auto","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Stream me a short answer."}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("chatcmpl-", Header(response, "x-moecraft-request-id"));
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var content = string.Concat(chunks.SelectMany(c => c.GetProperty("choices").EnumerateArray())
            .Select(c => c.GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : null));
        Assert.StartsWith("[simulated ", content);

        var final = chunks[^2];
        Assert.Equal("stop", final.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(final.GetProperty("model").GetString(), final.GetProperty("moecraft").GetProperty("experts")[0].GetString());
        var usage = chunks[^1];
        Assert.Equal(0, usage.GetProperty("choices").GetArrayLength());
        Assert.True(usage.GetProperty("usage").GetProperty("completion_tokens").GetInt64() > 0);
        // Only the last content-bearing chunks may carry a finish reason.
        Assert.All(chunks[..^2], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind));
    }

    [Fact]
    public async Task A_request_repeated_with_its_idempotency_key_gets_the_first_answer_back()
    {
        using var http = Http();
        var key = "retry-" + Guid.NewGuid().ToString("N");
        var body = $$"""{"model":"moecraft/auto","messages":[{"role":"user","content":"Name a planet ({{key}})"}]}""";

        async Task<JsonElement> SendAsync(string idempotencyKey)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(body) };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        var first = await SendAsync(key);
        var again = await SendAsync(key);
        var other = await SendAsync(key + "-other");

        Assert.Equal(first.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(),
            again.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(first.GetProperty("moecraft").GetProperty("cost").GetDecimal(), again.GetProperty("moecraft").GetProperty("cost").GetDecimal());
        Assert.NotEqual(first.GetProperty("id").GetString(), other.GetProperty("id").GetString());

        using var bad = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(body) };
        bad.Headers.TryAddWithoutValidation("Idempotency-Key", "has a space");
        using var refused = await http.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_idempotency_key", (await ErrorOf(refused)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_models_list_pins_the_first_expert()
    {
        using var http = Http();

        using var response = await http.PostAsync("/v1/chat/completions", Json(
            """{"models":["sim-local-coder","sim-local-small"],"messages":[{"role":"user","content":"Write a loop in C#."}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("sim-local-coder", body.GetProperty("model").GetString());
        Assert.Equal("fixed", body.GetProperty("moecraft").GetProperty("policy").GetString());
    }

    [Fact]
    public async Task Malformed_json_a_wrong_type_and_n_above_one_are_400s_in_OpenAIs_error_shape()
    {
        using var http = Http();

        using var malformed = await http.PostAsync("/v1/chat/completions", Json("""{"model":"moecraft/auto","messages":["""));
        using var wrongType = await http.PostAsync("/v1/chat/completions", Json("""{"model":"moecraft/auto","top_p":"high","messages":[{"role":"user","content":"x"}]}"""));
        using var twoChoices = await http.PostAsync("/v1/chat/completions", Json("""{"model":"moecraft/auto","n":2,"messages":[{"role":"user","content":"x"}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("invalid_request_error", (await ErrorOf(malformed)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        var wrong = await ErrorOf(wrongType);
        Assert.Equal("top_p", wrong.GetProperty("param").GetString());
        Assert.Contains("expected a number", wrong.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, twoChoices.StatusCode);
        Assert.Equal("n", (await ErrorOf(twoChoices)).GetProperty("param").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_before_it_is_read()
    {
        using var http = Http();
        var huge = new string('a', OpenAiSiloFixture.MaxRequestBodyBytes + 1);

        using var response = await http.PostAsync("/v1/chat/completions", Json($$"""{"model":"moecraft/auto","messages":[{"role":"user","content":"{{huge}}"}]}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", (await ErrorOf(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_credential_that_is_not_valid_is_a_401_in_OpenAIs_error_shape()
    {
        using var http = Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-not-a-key");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
    }

    [Fact]
    public async Task Embeddings_come_as_floats_or_as_base64_of_the_same_floats()
    {
        using var http = Http();

        using var floats = await http.PostAsync("/v1/embeddings", Json("""{"model":"moecraft/auto","input":"the same text"}"""));
        using var base64 = await http.PostAsync("/v1/embeddings", Json("""{"model":"default","input":["the same text"],"encoding_format":"base64"}"""));

        Assert.Equal(HttpStatusCode.OK, floats.StatusCode);
        Assert.Equal(HttpStatusCode.OK, base64.StatusCode);
        var vector = JsonDocument.Parse(await floats.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0].GetProperty("embedding")
            .EnumerateArray().Select(x => x.GetSingle()).ToArray();
        var bytes = Convert.FromBase64String(JsonDocument.Parse(await base64.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0].GetProperty("embedding").GetString()!);
        Assert.Equal(vector, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_v1_endpoints()
    {
        using var http = Http();

        using var response = await http.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/chat/completions", out var chat));
        Assert.True(chat.GetProperty("post").TryGetProperty("requestBody", out _));
        Assert.True(paths.TryGetProperty("/v1/models", out _));
        Assert.True(paths.TryGetProperty("/v1/embeddings", out _));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"No {name} header.");
}
