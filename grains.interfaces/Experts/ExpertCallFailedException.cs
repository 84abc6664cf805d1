namespace Moecraft.Experts;

/// <summary>An expert's backend did not produce a complete answer; nothing was returned to the caller as a success.</summary>
[GenerateSerializer, Alias("moecraft.ExpertCallFailedException")]
public sealed class ExpertCallFailedException : Exception
{
    public ExpertCallFailedException(string expertId, string message, Exception? inner = null, bool saturated = false) : base(message, inner)
    {
        ExpertId = expertId;
        Saturated = saturated;
    }

    /// <param name="expertId">The expert that failed (for a whole request, the last one tried).</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="providerStatus">The HTTP status the provider answered with, when it answered.</param>
    /// <param name="providerCode">The provider's error code (OpenAI's <c>error.code</c>, e.g. <c>context_length_exceeded</c>), when it gave one.</param>
    public ExpertCallFailedException(string expertId, string message, int? providerStatus, string? providerCode) : base(message)
    {
        ExpertId = expertId;
        ProviderStatus = providerStatus;
        ProviderCode = providerCode;
    }

    [Id(0)]
    public string ExpertId { get; }

    /// <summary>
    /// True when the expert was busy (at its concurrency limit for the whole queue timeout) and its backend was never
    /// called: a reason to fail over, not evidence that the expert fails for this input.
    /// </summary>
    [Id(1)]
    public bool Saturated { get; }

    /// <summary>The HTTP status the provider answered with; null when it did not answer (timeout, reset, open circuit).</summary>
    [Id(2)]
    public int? ProviderStatus { get; }

    /// <summary>The provider's machine-readable reason for refusing the request, when it gave one.</summary>
    [Id(3)]
    public string? ProviderCode { get; }

    /// <summary>
    /// True when the provider refused the content of the request (HTTP 400, 413 or 422: too long, filtered, malformed):
    /// another attempt at the same expert cannot help, and the caller should hear the provider's reason. A 401, 403 or 404
    /// says the expert is misconfigured (key, model), which is not the caller's fault.
    /// </summary>
    public bool RequestRejected => ProviderStatus is 400 or 413 or 422;
}
