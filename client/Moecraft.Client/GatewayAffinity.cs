using System.Net;
using Orleans.Runtime;

namespace Moecraft.Client;

/// <summary>
/// The one gateway this client sends through, and a token that is cancelled when that gateway is lost: its connection
/// dropped, or it left the cluster's gateway list. Orleans spreads a client's grains over every gateway, and a call sent
/// through a gateway that then dies waits for its whole response timeout, since only that gateway knew the way back.
/// Sending through one gateway at a time tells which calls a lost gateway took with it, so they can fail at once.
/// </summary>
public sealed class GatewayAffinity(TimeProvider time)
{
    /// <summary>How long a lost gateway is passed over while others are listed (its row may still say active for a while).</summary>
    public static readonly TimeSpan LostGatewayQuarantine = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly Dictionary<IPEndPoint, DateTimeOffset> _lost = [];
    private IPEndPoint? _current;
    private CancellationTokenSource _currentLost = new();

    /// <summary>The gateway calls go through now; null before the first is chosen and between losing one and choosing the next.</summary>
    public IPEndPoint? Current
    {
        get { lock (_lock) return _current; }
    }

    /// <summary>
    /// Cancelled when the gateway that calls go through now is lost. A call takes this token as it starts; between a loss and
    /// the next choice it is the next gateway's token, since that is where such a call goes.
    /// </summary>
    public CancellationToken CurrentLost
    {
        get { lock (_lock) return _currentLost.Token; }
    }

    /// <summary>
    /// Of the gateways the cluster lists, the one to use: the current one while it is listed; otherwise one at random
    /// among those not lost lately (among all when every one was).
    /// </summary>
    public IList<Uri> Choose(IList<Uri> gateways)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        CancellationTokenSource? lost = null;
        try
        {
            lock (_lock)
            {
                var now = time.GetUtcNow();
                foreach (var (gateway, at) in _lost.ToList())
                    if (now - at > LostGatewayQuarantine) _lost.Remove(gateway);

                var listed = gateways.Select(g => (Uri: g, EndPoint: EndPointOf(g))).Where(g => g.EndPoint is not null).ToList();
                // No gateway at all says nothing about the current one: keep it, and let Orleans retry the list.
                if (listed.Count == 0) return [];
                if (_current is { } current)
                {
                    var kept = listed.FirstOrDefault(g => current.Equals(g.EndPoint));
                    if (kept.Uri is not null) return [kept.Uri];
                    // The current gateway left the list (declared dead, or shut down) while its connection stayed open.
                    lost = Lose(now);
                }
                var fresh = listed.Where(g => !_lost.ContainsKey(g.EndPoint!)).ToList();
                var candidates = fresh.Count > 0 ? fresh : listed;
                var chosen = candidates[Random.Shared.Next(candidates.Count)];
                _current = chosen.EndPoint;
                return [chosen.Uri];
            }
        }
        finally
        {
            // Outside the lock: cancelling runs the waiting calls' continuations.
            lost?.Cancel();
        }
    }

    /// <summary>A gateway connection ended; when it was the current gateway's, every call sent through it lost its way back.</summary>
    public void OnConnectionClosed(EndPoint? remote)
    {
        if (remote is not IPEndPoint endpoint) return;
        CancellationTokenSource? lost = null;
        lock (_lock)
        {
            if (_current is { } current && current.Equals(Normalize(endpoint))) lost = Lose(time.GetUtcNow());
        }
        lost?.Cancel();
    }

    // Forgets the current gateway and hands back its token source for the caller to cancel outside the lock.
    private CancellationTokenSource Lose(DateTimeOffset now)
    {
        _lost[_current!] = now;
        _current = null;
        var lost = _currentLost;
        _currentLost = new CancellationTokenSource();
        return lost;
    }

    private static IPEndPoint? EndPointOf(Uri gateway) => gateway.ToIPEndPoint() is { } endpoint ? Normalize(endpoint) : null;

    private static IPEndPoint Normalize(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;
}
