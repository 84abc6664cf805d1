using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Moecraft.Identity;

namespace Moecraft.Federation;

/// <summary>
/// This silo's HTTP client for other clusters' federation surfaces (one per silo, pooled connections): every request but
/// the public manifest read is signed with the node key (<see cref="FederationRequestSigner"/>). A refusal (401, 403, 429)
/// becomes a <see cref="FederationRefusedException"/> carrying the peer's reason; an unreachable peer an
/// <see cref="HttpRequestException"/> or <see cref="TimeoutException"/>.
/// </summary>
public sealed class FederationHttp(INodeSigner signer, [FromKeyedServices(FederationSettings.TimeProviderKey)] TimeProvider time) : IDisposable
{
    /// <summary>How long one request may take; an expert query waits for a model, so it is generous.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(5);

    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
    {
        Timeout = RequestTimeout,
        MaxResponseContentBufferSize = FederationWire.MaxBodyBytes,
    };

    /// <summary>The node's manifest as its surface serves it (not verified here: the caller verifies before using it).</summary>
    public async Task<PeerManifest> GetManifestAsync(Uri address)
    {
        using var response = await SendGuardedAsync(new HttpRequestMessage(HttpMethod.Get, Target(address, FederationWire.Manifest)), address);
        return await ReadAsync<PeerManifest>(response, address);
    }

    /// <summary>A signed POST of <paramref name="body"/> from <paramref name="self"/> to node <paramref name="peerName"/> at <paramref name="address"/>; its answer.</summary>
    public async Task<TResult> SendAsync<TBody, TResult>(string self, string peerName, Uri address, string path, TBody body)
    {
        using var response = await PostAsync(self, peerName, address, path, body);
        return await ReadAsync<TResult>(response, address);
    }

    /// <summary>A signed POST whose answer has no body.</summary>
    public async Task SendAsync<TBody>(string self, string peerName, Uri address, string path, TBody body)
    {
        using var response = await PostAsync(self, peerName, address, path, body);
        await RequireSuccessAsync(response, address);
    }

    private Task<HttpResponseMessage> PostAsync<TBody>(string self, string peerName, Uri address, string path, TBody body)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, FederationWire.Json);
        var target = Target(address, path);
        var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", FederationRequestSigner.Sign(
            signer, self, peerName, "POST", target.PathAndQuery, bytes, time.GetUtcNow().ToUnixTimeMilliseconds()));
        return SendGuardedAsync(request, address);
    }

    // A base address may end in '/' (a bare host always does as a Uri); the surface's paths start with one.
    private static Uri Target(Uri address, string path) => new(address.ToString().TrimEnd('/') + path);

    private async Task<HttpResponseMessage> SendGuardedAsync(HttpRequestMessage request, Uri address)
    {
        using (request)
        {
            try
            {
                return await _client.SendAsync(request);
            }
            catch (TaskCanceledException ex)
            {
                throw new TimeoutException($"The federation surface at {address} did not answer within {RequestTimeout.TotalSeconds:0} s.", ex);
            }
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, Uri address)
    {
        await RequireSuccessAsync(response, address);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(FederationWire.Json)
                ?? throw new FederationRefusedException($"The node at {address} answered an empty body.");
        }
        catch (JsonException ex)
        {
            throw new FederationRefusedException($"The node at {address} answered a body that is not a federation answer: {ex.Message}");
        }
    }

    private static async Task RequireSuccessAsync(HttpResponseMessage response, Uri address)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests or HttpStatusCode.BadRequest)
        {
            var reason = await ErrorAsync(response);
            throw new FederationRefusedException($"The node at {address} refused the request ({(int)response.StatusCode}): {reason}");
        }
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"The federation surface at {address} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync<FederationErrorBody>(FederationWire.Json))?.Error ?? "no reason given";
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return "no reason given";
        }
    }

    public void Dispose() => _client.Dispose();
}
