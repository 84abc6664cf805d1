using System.Runtime.ExceptionServices;
using Microsoft.Extensions.AI;

namespace Moecraft.Experts.Calls;

/// <summary>One admitted call: its slot, the definition it runs under and the client it uses; disposing ends it once.</summary>
public sealed class ExpertCall : IDisposable
{
    private readonly SharedChatClient? _client;
    private readonly Exception? _buildError;
    private readonly Action _giveBackSlot;
    private int _ended;

    internal ExpertCall(ExpertDefinition definition, SharedChatClient? client, Exception? buildError, Action giveBackSlot)
    {
        Definition = definition;
        _client = client;
        _buildError = buildError;
        _giveBackSlot = giveBackSlot;
    }

    public ExpertDefinition Definition { get; }

    /// <summary>The backend client; throws the build error when the backend could not be built.</summary>
    public IChatClient GetClient()
    {
        if (_buildError is not null) ExceptionDispatchInfo.Throw(_buildError);
        return _client!.Client;
    }

    /// <summary>Gives the slot back and releases the client (which a retired client's last call disposes).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1) return;
        _client?.Release();
        _giveBackSlot();
    }
}
