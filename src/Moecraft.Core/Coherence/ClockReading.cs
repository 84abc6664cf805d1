namespace Moecraft.Coherence;

/// <summary>One expert's value on the fast, mid and slow clocks (NaN: no sample yet).</summary>
public sealed record ClockReading(double Fast, double Mid, double Slow);
