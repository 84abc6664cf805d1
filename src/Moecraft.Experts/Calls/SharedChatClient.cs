using Microsoft.Extensions.AI;

namespace Moecraft.Experts.Calls;

/// <summary>
/// An expert's backend client shared by its concurrent calls. When the definition changes the client is retired:
/// calls already running keep using it, and it is disposed when the last of them has finished, never under one.
/// </summary>
public sealed class SharedChatClient
{
    private readonly Lock _lock = new();
    private int _calls;
    private bool _retired;
    private bool _disposed;

    public SharedChatClient(IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        Client = client;
    }

    public IChatClient Client { get; }

    /// <summary>Calls using the client now.</summary>
    public int Calls
    {
        get { lock (_lock) return _calls; }
    }

    /// <summary>True once disposed: retired and no call left.</summary>
    public bool IsDisposed
    {
        get { lock (_lock) return _disposed; }
    }

    /// <summary>A call starts using the client; pair it with one <see cref="Release"/>.</summary>
    public void Acquire()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_retired, this);
            _calls++;
        }
    }

    /// <summary>A call is done with the client; the last call of a retired client disposes it.</summary>
    public void Release()
    {
        lock (_lock)
        {
            if (_calls == 0) throw new InvalidOperationException("Release without a matching acquire.");
            _calls--;
            if (!_retired || _calls > 0) return;
            _disposed = true;
        }
        Client.Dispose();
    }

    /// <summary>No new call takes the client; it is disposed now when idle, else when its last call releases it.</summary>
    public void Retire()
    {
        lock (_lock)
        {
            if (_retired) return;
            _retired = true;
            if (_calls > 0) return;
            _disposed = true;
        }
        Client.Dispose();
    }
}
