namespace Moecraft.Routing;

/// <summary>
/// A request is larger than the limit its sender or receiver enforces; it was refused before it was sent (client SDK) or
/// before anything was done with it (the silo's admission), and the connection it would have travelled on is untouched.
/// </summary>
[GenerateSerializer, Alias("moecraft.RequestTooLargeException")]
public sealed class RequestTooLargeException : Exception
{
    public RequestTooLargeException(long size, long limit)
        : base($"The request is {size:N0} bytes; the limit is {limit:N0} bytes. Send less text (a shorter prompt or conversation, fewer or smaller tools and inputs).")
    {
        Size = size;
        Limit = limit;
    }

    /// <summary>The request's size in bytes, as <see cref="RequestSize"/> measures it.</summary>
    [Id(0)]
    public long Size { get; }

    /// <summary>The limit it exceeds, in bytes.</summary>
    [Id(1)]
    public long Limit { get; }
}
