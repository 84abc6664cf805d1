namespace Moecraft.Api.OpenAi;

/// <summary>A request the <c>/v1</c> surface refuses before calling the cluster, with the field it names (OpenAI's <c>param</c>).</summary>
public sealed class OpenAiRequestException(ApiFailure failure, string? param = null) : Exception(failure.Message)
{
    public ApiFailure Failure { get; } = failure;

    public string? Param { get; } = param;

    public static OpenAiRequestException BadRequest(string message, string? param = null, string? code = null) =>
        new(ApiFailure.BadRequest(message, code), param);
}
