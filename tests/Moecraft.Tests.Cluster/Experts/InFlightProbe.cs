using System.Diagnostics.Metrics;
using Moecraft.Diagnostics;

namespace Moecraft.Tests.Experts;

/// <summary>
/// Watches one expert's <c>moecraft.expert.in_flight</c> measurements (the in-process test silos share the meter): how
/// many of its calls hold a slot now, and the most that ever did at once.
/// </summary>
public sealed class InFlightProbe : IDisposable
{
    private readonly Lock _lock = new();
    private readonly MeterListener _listener = new();
    private readonly string _expertId;
    private long _now;
    private long _peak;

    public InFlightProbe(string expertId)
    {
        _expertId = expertId;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MoecraftDiagnostics.SourceName && instrument.Name == "moecraft.expert.in_flight")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, change, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key != "expert" || !Equals(tag.Value, _expertId)) continue;
                lock (_lock)
                {
                    _now += change;
                    _peak = Math.Max(_peak, _now);
                }
            }
        });
        _listener.Start();
    }

    public long Now
    {
        get { lock (_lock) return _now; }
    }

    public long Peak
    {
        get { lock (_lock) return _peak; }
    }

    /// <summary>Waits until at least <paramref name="calls"/> calls hold a slot.</summary>
    public async Task WaitForAsync(long calls, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Now < calls)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Expert '{_expertId}' never had {calls} calls in flight (now {Now}).");
            await Task.Delay(10);
        }
    }

    public void Dispose() => _listener.Dispose();
}
