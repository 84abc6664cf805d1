using System.Net;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Federation.Surface;

/// <summary>
/// A forwarding proxy in front of a node's HTTP API, so a test decides the point at which a cross-cluster call is in
/// flight: <see cref="HoldNext"/> stops the next request to a path at the gate until the test releases it. Requests are
/// forwarded unchanged (path, body, signature), so the node behind it sees the caller's own signed request; an
/// unreachable node answers 502.
/// </summary>
public sealed class FederationGate : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _forward = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Uri _target;
    private readonly Task _serving;
    private readonly object _gate = new();
    private (string Path, TaskCompletionSource Arrived, TaskCompletionSource Release)? _hold;

    public FederationGate(Uri target)
    {
        _target = target;
        var port = FreePorts.Take(1)[0];
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    /// <summary>
    /// Holds the next request whose path ends with <paramref name="pathSuffix"/>: the returned task completes when it
    /// has arrived at the gate; it is forwarded only after <c>release()</c> is called.
    /// </summary>
    public (Task Arrived, Action Release) HoldNext(string pathSuffix)
    {
        var hold = (pathSuffix, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate) _hold = hold;
        return (hold.Item2.Task, () => hold.Item3.TrySetResult());
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.PathAndQuery;
        Task? release = null;
        lock (_gate)
        {
            if (_hold is { } hold && context.Request.Url.AbsolutePath.EndsWith(hold.Path, StringComparison.Ordinal))
            {
                _hold = null;
                hold.Arrived.TrySetResult();
                release = hold.Release.Task;
            }
        }
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        if (release is not null) await release;

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(_target, path));
        if (context.Request.HttpMethod != "GET")
        {
            request.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.ContentType is { } type) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }
        if (context.Request.Headers["Authorization"] is { } authorization) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        try
        {
            using var response = await _forward.SendAsync(request);
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } contentType) context.Response.ContentType = contentType.ToString();
            var bytes = await response.Content.ReadAsByteArrayAsync();
            await context.Response.OutputStream.WriteAsync(bytes);
        }
        catch (HttpRequestException)
        {
            context.Response.StatusCode = (int)HttpStatusCode.BadGateway;
        }
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
        _forward.Dispose();
    }
}
