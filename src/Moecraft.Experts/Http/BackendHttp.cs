namespace Moecraft.Experts.Http;

/// <summary>HTTP clients for model servers: the policy's connect timeout on the socket, no client-wide timeout.</summary>
public static class BackendHttp
{
    /// <summary>
    /// A client for one backend. Its overall timeout is infinite because <see cref="Resilience.ResilientChatClient"/>
    /// enforces first-token and total timeouts itself (a stream may rightly last longer than any fixed HTTP timeout).
    /// </summary>
    /// <param name="baseAddress">The server's base address.</param>
    /// <param name="connectTimeout">Longest wait to open a connection.</param>
    /// <param name="statusErrors">True: HTTP error answers throw <see cref="HttpRequestException"/> with the status (see <see cref="HttpStatusErrorHandler"/>).</param>
    public static HttpClient CreateClient(Uri baseAddress, TimeSpan connectTimeout, bool statusErrors = false)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri) throw new ArgumentException($"The backend address '{baseAddress}' must be absolute.", nameof(baseAddress));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(connectTimeout, TimeSpan.Zero);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            // Model servers behind load balancers rotate; do not pin a connection forever.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        HttpMessageHandler pipeline = statusErrors ? new HttpStatusErrorHandler(handler) : handler;
        return new HttpClient(pipeline, disposeHandler: true) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The endpoint as a base address: a trailing slash, so relative request paths append instead of replacing its last segment.</summary>
    public static Uri BaseAddress(string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"The backend endpoint '{endpoint}' must be an absolute http or https address.", nameof(endpoint));
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
