using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Moecraft.Api;
using Moecraft.Api.Authentication;

namespace Moecraft.Tests.Api.Auth;

/// <summary>401, 403 and 429 bodies: OpenAI's error object under /v1, RFC 7807 problem details under /moecraft.</summary>
public sealed class ApiErrorResponsesTests
{
    [Fact]
    public async Task Under_v1_a_401_is_openai_s_error_object_with_a_null_param()
    {
        var (status, contentType, body, _) = await WriteAsync("/v1/chat/completions", ApiFailure.Unauthorized("The credential presented is not valid."));

        Assert.Equal(401, status);
        Assert.StartsWith("application/json", contentType);
        var error = body.GetProperty("error");
        Assert.Equal("The credential presented is not valid.", error.GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Under_moecraft_a_403_is_problem_details()
    {
        var (status, contentType, body, _) = await WriteAsync("/moecraft/keys", ApiFailure.Forbidden("Needs an operator."));

        Assert.Equal(403, status);
        Assert.StartsWith("application/problem+json", contentType);
        Assert.Equal(403, body.GetProperty("status").GetInt32());
        Assert.Equal("Forbidden", body.GetProperty("title").GetString());
        Assert.Equal("Needs an operator.", body.GetProperty("detail").GetString());
        Assert.Equal("forbidden", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_429_carries_retry_after_in_whole_seconds()
    {
        var failure = new ApiFailure(429, "requests", "rate_limit_exceeded", "Slow down.", TimeSpan.FromMilliseconds(1200));
        var (status, _, body, headers) = await WriteAsync("/v1/models", failure);

        Assert.Equal(429, status);
        Assert.Equal("2", headers["Retry-After"]);
        Assert.Equal("rate_limit_exceeded", body.GetProperty("error").GetProperty("code").GetString());
    }

    private static async Task<(int Status, string ContentType, JsonElement Body, IHeaderDictionary Headers)> WriteAsync(string path, ApiFailure failure)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        using var stream = new MemoryStream();
        context.Response.Body = stream;
        await ApiErrorResponses.WriteAsync(context, failure);
        stream.Position = 0;
        using var document = await JsonDocument.ParseAsync(stream);
        return (context.Response.StatusCode, context.Response.ContentType ?? "", document.RootElement.Clone(), context.Response.Headers);
    }
}
