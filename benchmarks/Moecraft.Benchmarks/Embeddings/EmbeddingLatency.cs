using System.Diagnostics;

namespace Moecraft.Benchmarks.Embeddings;

/// <summary>Milliseconds per prompt: median, 95th percentile and mean of single-prompt embeddings.</summary>
internal sealed record EmbeddingLatency(int Count, double P50, double P95, double Mean)
{
    /// <summary>A short prompt (30 characters).</summary>
    public const string ShortPrompt = "What is the capital of France?";

    /// <summary>A prompt of 220 characters, the length the latency goal names.</summary>
    public const string LongPrompt =
        "Explain step by step how a mixture-of-experts router decides which model should answer a question, and why a cheap model is often good enough for simple factual questions, while a premium one helps with multi-step maths.";

    /// <summary>Embeds <paramref name="text"/> <paramref name="repetitions"/> times after five warm-up calls, one prompt at a time.</summary>
    public static EmbeddingLatency Of(Func<string, float[]> embed, string text, int repetitions)
    {
        for (var i = 0; i < 5; i++) embed(text);
        var times = new List<double>(repetitions);
        for (var i = 0; i < repetitions; i++)
        {
            var started = Stopwatch.GetTimestamp();
            embed(text);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return From(times);
    }

    public static EmbeddingLatency From(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0) throw new ArgumentException("No timings.", nameof(milliseconds));
        var sorted = milliseconds.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new EmbeddingLatency(sorted.Length, At(0.5), At(0.95), sorted.Average());
    }
}
