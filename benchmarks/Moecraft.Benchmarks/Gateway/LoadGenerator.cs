using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace Moecraft.Benchmarks.Gateway;

/// <summary>
/// Sends OpenAI chat completion requests to one arm over keep-alive HTTP/1.1 connections from <paramref name="concurrency"/>
/// workers, each a closed loop (the next request leaves when the previous answer was read to its end), and times each
/// request from send to the last byte (for a stream: to <c>data: [DONE]</c>). Every prompt carries a sequence number, so
/// no two requests of a run share a prompt and no arm can answer from a cache.
/// </summary>
internal sealed class LoadGenerator : IDisposable
{
    private const int ReadBuffer = 16 * 1024;
    private const int Tail = 64;

    private static readonly byte[] _done = "data: [DONE]"u8.ToArray();

    private readonly ArmTarget _target;
    private readonly HttpMessageInvoker _http;
    private readonly byte[] _prefix;
    private readonly byte[] _plainSuffix;
    private readonly byte[] _streamSuffix;
    private long _sequence;

    public LoadGenerator(ArmTarget target)
    {
        _target = target;
        _http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = int.MaxValue,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            // Below node's 5 s keep-alive timeout, so the client never reuses a connection the server is closing.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2),
        });
        _prefix = Encoding.UTF8.GetBytes($$"""{"model":"{{target.Model}}","messages":[{"role":"user","content":"Say hello to request """);
        _plainSuffix = """."}],"max_tokens":16}"""u8.ToArray();
        _streamSuffix = """."}],"max_tokens":16,"stream":true,"stream_options":{"include_usage":true}}"""u8.ToArray();
    }

    public ArmTarget Target => _target;

    /// <summary>Runs until <paramref name="requests"/> requests were sent or <paramref name="duration"/> passed, whichever is first.</summary>
    public async Task<LatencyFigures> MeasureAsync(bool stream, int concurrency, int requests, TimeSpan duration)
    {
        var run = new Run(requests, Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        using var cancel = new CancellationTokenSource(duration + TimeSpan.FromSeconds(60));
        var wall = Stopwatch.StartNew();
        var perWorker = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => WorkerAsync(run, stream, cancel.Token))));
        wall.Stop();
        return LatencyFigures.From(concurrency, [.. perWorker.SelectMany(l => l)], run.Errors, wall.Elapsed, run.FirstError);
    }

    /// <summary>One request read whole, for checking an arm's answer before it is measured.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendOnceAsync(bool stream)
    {
        var body = new byte[_prefix.Length + 20 + _streamSuffix.Length];
        var length = WriteBody(body, stream);
        using var request = Request(body.AsMemory(0, length));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await _http.SendAsync(request, cancel.Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancel.Token));
    }

    public void Dispose() => _http.Dispose();

    private async Task<List<long>> WorkerAsync(Run run, bool stream, CancellationToken cancellationToken)
    {
        var latencies = new List<long>(1024);
        var body = new byte[_prefix.Length + 20 + _streamSuffix.Length];
        var buffer = new byte[ReadBuffer];
        while (run.TryTake())
        {
            var length = WriteBody(body, stream);
            var started = Stopwatch.GetTimestamp();
            string? error;
            try
            {
                error = await SendAsync(body.AsMemory(0, length), stream, buffer, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
                error = $"{ex.GetType().Name}: {ex.Message}";
            }
            var elapsed = Stopwatch.GetTimestamp() - started;
            if (error is null) latencies.Add(elapsed);
            else run.Fail(error);
        }
        return latencies;
    }

    /// <summary>Sends one request and reads the answer to its end; null when it succeeded, else why not.</summary>
    private async Task<string?> SendAsync(ReadOnlyMemory<byte> body, bool stream, byte[] buffer, CancellationToken cancellationToken)
    {
        using var request = Request(body);
        using var response = await _http.SendAsync(request, cancellationToken);
        await using var content = await response.Content.ReadAsStreamAsync(cancellationToken);
        var filled = 0;
        int read;
        while ((read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
            if (filled < buffer.Length) continue;
            // Long answer: keep only the tail the checks below look at.
            buffer.AsSpan(filled - Tail, Tail).CopyTo(buffer);
            filled = Tail;
        }
        if (response.StatusCode != HttpStatusCode.OK)
            return $"HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(buffer, 0, Math.Min(filled, 200))}";
        if (filled == 0) return "empty answer";
        if (stream && !buffer.AsSpan(0, filled).TrimEnd("\r\n "u8).EndsWith(_done))
            return $"stream did not end with data: [DONE]; it ended: {Encoding.UTF8.GetString(buffer, Math.Max(0, filled - 160), Math.Min(filled, 160)).ReplaceLineEndings("\\n")}";
        return null;
    }

    private HttpRequestMessage Request(ReadOnlyMemory<byte> body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _target.Endpoint)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ReadOnlyMemoryContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        foreach (var (name, value) in _target.Headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    /// <summary>Writes the request body with the next sequence number into <paramref name="body"/>; returns its length.</summary>
    private int WriteBody(byte[] body, bool stream)
    {
        var suffix = stream ? _streamSuffix : _plainSuffix;
        _prefix.CopyTo(body, 0);
        var at = _prefix.Length;
        Utf8Formatter.TryFormat(Interlocked.Increment(ref _sequence), body.AsSpan(at), out var written);
        at += written;
        suffix.CopyTo(body, at);
        return at + suffix.Length;
    }

    /// <summary>A measurement's shared budget (requests and deadline) and its failures.</summary>
    private sealed class Run(int requests, long deadline)
    {
        private int _taken;
        private int _errors;
        private string? _firstError;

        public int Errors => Volatile.Read(ref _errors);

        public string? FirstError => Volatile.Read(ref _firstError);

        public bool TryTake() => Stopwatch.GetTimestamp() < deadline && Interlocked.Increment(ref _taken) <= requests;

        public void Fail(string error)
        {
            Interlocked.Increment(ref _errors);
            Interlocked.CompareExchange(ref _firstError, error, null);
        }
    }
}
