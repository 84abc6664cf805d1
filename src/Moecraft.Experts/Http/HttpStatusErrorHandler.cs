namespace Moecraft.Experts.Http;

/// <summary>
/// Turns an HTTP error answer into an <see cref="HttpRequestException"/> that carries the status code and the server's
/// error text. OllamaSharp reports a 400 as an <c>OllamaException</c> without the status, which would hide from
/// <see cref="Resilience.ExpertFaults"/> that the request, not the server, was at fault.
/// </summary>
public sealed class HttpStatusErrorHandler(HttpMessageHandler innerHandler) : DelegatingHandler(innerHandler)
{
    /// <summary>At most this much of an error body goes into the message.</summary>
    public const int MaxErrorTextLength = 500;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (text.Length > MaxErrorTextLength) text = text[..MaxErrorTextLength] + "...";
            var error = new HttpRequestException(
                $"The model server answered HTTP {(int)response.StatusCode} ({response.ReasonPhrase}): {text}", inner: null, response.StatusCode);
            // Kept for the retry's delay (Resilience.RetryAfterHint): the response is gone once this throws.
            if (response.Headers.TryGetValues("Retry-After", out var retryAfter)) error.Data[Resilience.RetryAfterHint.DataKey] = string.Join(",", retryAfter);
            throw error;
        }
    }
}
