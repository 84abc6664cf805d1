namespace Moecraft.Experts;

/// <summary>A rough token count for text whose backend reported none: about four characters per token, as common BPE vocabularies give for English.</summary>
public static class TokenEstimate
{
    public static long Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Math.Max(1, (text.Length + 3) / 4);
    }
}
