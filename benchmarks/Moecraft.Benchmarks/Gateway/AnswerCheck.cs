using System.Net;
using System.Text;
using System.Text.Json;

namespace Moecraft.Benchmarks.Gateway;

/// <summary>
/// Checks that an arm answers an OpenAI chat completion correctly before it is measured: the upstream's text, whole (a
/// stream's deltas joined), a stream ending in <c>data: [DONE]</c>, and whether <c>usage</c> came through.
/// </summary>
internal sealed record AnswerCheck(ArmStatus Status, string Detail)
{
    public static async Task<AnswerCheck> RunAsync(LoadGenerator load, bool stream)
    {
        HttpStatusCode status;
        string body;
        try
        {
            (status, body) = await load.SendOnceAsync(stream);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            return new AnswerCheck(ArmStatus.Failed, $"{ex.GetType().Name}: {ex.Message}");
        }
        if (status == HttpStatusCode.NotFound)
            return new AnswerCheck(ArmStatus.NotAvailable, body.Length == 0 ? "404" : $"404: {Shorten(body)}");
        if (status != HttpStatusCode.OK) return new AnswerCheck(ArmStatus.Failed, $"HTTP {(int)status}: {Shorten(body)}");
        try
        {
            var (text, usage, done) = stream ? ReadStream(body) : ReadPlain(body);
            if (text != ZeroLatencyUpstream.Text) return new AnswerCheck(ArmStatus.Failed, $"answered '{Shorten(text)}', not the upstream's text");
            if (stream && !done) return new AnswerCheck(ArmStatus.Failed, "stream did not end with data: [DONE]");
            return new AnswerCheck(ArmStatus.Ok, usage ? "answer and usage ok" : "answer ok, no usage");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return new AnswerCheck(ArmStatus.Failed, $"unreadable answer ({ex.Message}): {Shorten(body)}");
        }
    }

    private static (string Text, bool Usage, bool Done) ReadPlain(string body)
    {
        using var json = JsonDocument.Parse(body);
        var text = json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? "";
        return (text, HasUsage(json.RootElement), false);
    }

    private static (string Text, bool Usage, bool Done) ReadStream(string body)
    {
        var text = new StringBuilder();
        bool usage = false, done = false;
        foreach (var line in body.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (!trimmed.StartsWith("data:", StringComparison.Ordinal)) continue;
            var data = trimmed[5..].Trim();
            if (done) throw new InvalidOperationException("data after [DONE]");
            if (data == "[DONE]")
            {
                done = true;
                continue;
            }
            using var chunk = JsonDocument.Parse(data);
            usage |= HasUsage(chunk.RootElement);
            if (chunk.RootElement.TryGetProperty("choices", out var choices))
                foreach (var choice in choices.EnumerateArray())
                    if (choice.TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                        text.Append(content.GetString());
        }
        return (text.ToString(), usage, done);
    }

    private static bool HasUsage(JsonElement root) =>
        root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object && usage.TryGetProperty("total_tokens", out _);

    private static string Shorten(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 200 ? flat : flat[..200] + "...";
    }
}
